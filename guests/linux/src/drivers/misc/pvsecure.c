// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secure channel of a Linux guest of the pvlib reference hypervisor
 * (CONFIG_PVSECURE): the client side of the ring the unchanged secure
 * domain serves (pvlib's examples/guest/ring.h and secure.c), as
 * /dev/pvsecure (include/uapi/linux/pvsecure.h) and as in-kernel calls
 * (include/linux/pvsecure.h). pvlib's docs/linux.md, "The secure channel"
 * and "Attacks from Linux".
 *
 * The hypervisor's builder has set the channel up before the kernel runs
 * (examples/hv/build.c): frame 2 of this domain is the ring page, granted
 * read-write to the secure domain, and an inter-domain event channel is
 * open between the two; the start info names both (ring_ma, ring_port,
 * ring_peer, ring_owner = 1: we are the client and own the page). A
 * request is: the payload into the ring, req_seq + 1, an event to the
 * peer; the answer is rsp_seq == req_seq, with status, out_len and out,
 * signalled by an event back. Requests are serialised by a mutex; the
 * caller sleeps on a wait queue the port's interrupt wakes, with a
 * timeout. The secure domain answers every request it sees in order, so
 * after a timeout (or a signal) the next request first waits for that
 * answer, then goes.
 *
 * Caches: the ring page is cacheable in our linear map and in the secure
 * domain's; the ARM926's VIVT caches are cleaned and invalidated by the
 * hypervisor on every switch between domains (ports/cpu/armv5), so each
 * side sees the other's writes once it runs.
 *
 * CONFIG_PVSECURE_ATTACK adds the isolation-test interface: one raw
 * MMU_UPDATE request whose refusal comes back as the hypervisor's
 * pv_status instead of the BUG() Linux's own page-table code makes of a
 * refused update (arch/arm/mm/pvlib-mm.c).
 */
#include <linux/capability.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/pvsecure.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#include <asm/pgalloc.h>
#include <asm/pvlib.h>
#include <asm/pvlib-entry.h>
#include <asm/pvlib-evtchn.h>
#include <asm/pvlib-mm.h>

/* struct ring of pvlib's examples/guest/ring.h, byte for byte. */
struct pvsecure_ring {
	u32 req_seq;	/* written by us */
	u32 rsp_seq;	/* written by the secure domain */
	u32 op;
	u32 len;
	u8 data[PVSECURE_DATA_MAX];
	s32 status;
	u32 out_len;
	u8 out[PVSECURE_OUT_MAX];
};
static_assert(sizeof(struct pvsecure_ring) == 168);

static struct pvsecure {
	struct pvsecure_ring *ring;
	unsigned int port;
	int irq;
	unsigned long events;	/* interrupts taken on the port */
	unsigned long answers;	/* answers received */
	unsigned long slept;	/* of them, slept for on the wait queue */
	u64 max_ns;		/* the longest from notification to answer */
	struct mutex lock;	/* one request at a time */
	wait_queue_head_t wq;
#ifdef CONFIG_PVSECURE_ATTACK
	struct mutex mmu_lock;
	pte_t *scratch;		/* a pinned PTE table of our own (the pair) */
	u32 scratch_slot;	/* machine address of its first hardware slot */
#endif
} pvs = {
	.lock = __MUTEX_INITIALIZER(pvs.lock),
	.wq = __WAIT_QUEUE_HEAD_INITIALIZER(pvs.wq),
#ifdef CONFIG_PVSECURE_ATTACK
	.mmu_lock = __MUTEX_INITIALIZER(pvs.mmu_lock),
#endif
};

/* pvlib/abi/status.h: every pv_status, its name and its errno. */
static const struct {
	s32 status;
	const char *name;
	int err;
} pvsecure_statuses[] = {
	{ 0, "PV_OK", 0 },
	{ -1, "PV_EPERM", -EPERM },
	{ -2, "PV_ENOENT", -ENOENT },
	{ -3, "PV_ESRCH", -ESRCH },
	{ -5, "PV_EIO", -EIO },
	{ -7, "PV_E2BIG", -E2BIG },
	{ -11, "PV_EAGAIN", -EAGAIN },
	{ -12, "PV_ENOMEM", -ENOMEM },
	{ -13, "PV_EACCES", -EACCES },
	{ -14, "PV_EFAULT", -EFAULT },
	{ -16, "PV_EBUSY", -EBUSY },
	{ -17, "PV_EEXIST", -EEXIST },
	{ -22, "PV_EINVAL", -EINVAL },
	{ -28, "PV_ENOSPC", -ENOSPC },
	{ -34, "PV_ERANGE", -ERANGE },
	{ -38, "PV_ENOSYS", -ENOSYS },
	{ -75, "PV_EOVERFLOW", -EOVERFLOW },
	/* pvlib's own codes: no errno has their meaning. */
	{ -201, "PV_EALIGN", -EDOM },
	{ -202, "PV_ENOTPINNED", -ENOLINK },
	{ -203, "PV_ETYPE", -EMEDIUMTYPE },
	{ -204, "PV_EXDEV", -EXDEV },
};

int pvsecure_errno(s32 status)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pvsecure_statuses); i++)
		if (pvsecure_statuses[i].status == status)
			return pvsecure_statuses[i].err;
	return -EPROTO;	/* not a status a guest is ever given */
}

const char *pvsecure_status_name(s32 status)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(pvsecure_statuses); i++)
		if (pvsecure_statuses[i].status == status)
			return pvsecure_statuses[i].name;
	return "?";
}

static irqreturn_t pvsecure_interrupt(int irq, void *dev)
{
	pvs.events++;
	wake_up(&pvs.wq);
	return IRQ_HANDLED;
}

static bool pvsecure_answered(u32 seq)
{
	return READ_ONCE(pvs.ring->rsp_seq) == seq;
}

/* Sleep until the secure domain has answered request seq. */
static int pvsecure_wait(u32 seq)
{
	long left;

	if (!pvsecure_answered(seq))
		pvs.slept++;
	left = wait_event_interruptible_timeout(pvs.wq, pvsecure_answered(seq),
						msecs_to_jiffies(PVSECURE_TIMEOUT_MS));
	if (left < 0)
		return -EINTR;
	if (!left)
		return -ETIMEDOUT;
	rmb();	/* the answer after the sequence number that announced it */
	return 0;
}

int pvsecure_request(u32 op, const void *data, u32 len, s32 *status, void *out, u32 *out_len)
{
	struct pvsecure_ring *r = pvs.ring;
	u32 seq, n = 0;
	s32 st = 1;
	u64 t0;
	long rc;
	int err;

	if (out_len)
		*out_len = 0;
	if (status)
		*status = 1;
	if (!r)
		return -ENODEV;
	if (op < PVSECURE_OP_PIN_CHECK || op > PVSECURE_OP_GET_KEY || len > PVSECURE_DATA_MAX ||
	    (len && !data))
		return -EINVAL;
	if (mutex_lock_interruptible(&pvs.lock))
		return -EINTR;
	/* A request that timed out or was interrupted is still answered:
	 * wait for that first, so the ring is never rewritten under the
	 * secure domain. */
	seq = READ_ONCE(r->req_seq);
	if (READ_ONCE(r->rsp_seq) != seq) {
		err = pvsecure_wait(seq);
		if (err)
			goto out;
	}
	if (len)
		memcpy(r->data, data, len);
	WRITE_ONCE(r->op, op);
	WRITE_ONCE(r->len, len);
	wmb();	/* the payload before the sequence number that publishes it */
	seq++;
	WRITE_ONCE(r->req_seq, seq);
	t0 = pvlib_time_ns();
	rc = pvlib_hypercall3(PVLIB_HC_EVTCHN, PVLIB_EVT_SEND, pvs.port, 0);
	if (rc) {
		/* The hypervisor refused the notification: its status. */
		st = (s32)rc;
		err = pvsecure_errno(st);
		goto out;
	}
	err = pvsecure_wait(seq);
	if (err)
		goto out;
	pvs.answers++;
	pvs.max_ns = max(pvs.max_ns, pvlib_time_ns() - t0);
	st = READ_ONCE(r->status);
	n = READ_ONCE(r->out_len);
	if (n > PVSECURE_OUT_MAX) {
		err = -EPROTO;
		n = 0;
		goto out;
	}
	if (out && n)
		memcpy(out, r->out, n);
	if (out_len)
		*out_len = n;
	err = pvsecure_errno(st);
out:
	mutex_unlock(&pvs.lock);
	if (status)
		*status = st;
	return err;
}

void pvsecure_stats(unsigned long *answers, unsigned long *events, unsigned long *slept,
		    u64 *max_ns)
{
	*answers = pvs.answers;
	*events = pvs.events;
	*slept = pvs.slept;
	*max_ns = pvs.max_ns;
}

#ifdef CONFIG_PVSECURE_ATTACK
/* An ARMv5 small-page descriptor of the frame at ma (pvlib/abi/mmu.h):
 * read-only (AP 00) or read-write (AP 11), cacheable. */
static u32 pvsecure_small_page(u32 ma, bool writable)
{
	return (ma & PAGE_MASK) | PVLIB_HW_SMALL | PVLIB_HW_WB | (writable ? PVLIB_HW_AP_RW : 0);
}

static long pvsecure_mmu_update_one(u32 ptr, u32 val)
{
	struct pvlib_mmu_req req = { .ptr = ptr, .val = val };

	pvlib_mmu_flush();	/* the lazy queue first: order kept */
	return pvlib_hypercall3(PVLIB_HC_MMU_UPDATE, (unsigned long)&req, 1, 0);
}

int pvsecure_mmu_update(struct pvsecure_mmu_update *u)
{
	long rc;

	switch (u->kind) {
	case PVSECURE_MMU_RAW:
		break;
	case PVSECURE_MMU_MAP:
		if (!pvs.scratch || u->writable > 1)
			return -EINVAL;
		u->ptr = pvs.scratch_slot;
		u->val = pvsecure_small_page(u->target, u->writable);
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&pvs.mmu_lock);
	rc = pvsecure_mmu_update_one(u->ptr, u->val);
	if (rc == 0 && u->kind == PVSECURE_MMU_MAP) {
		/* Accepted: the slot of a table no L1 points at; empty it. */
		long undo = pvsecure_mmu_update_one(u->ptr, 0);

		WARN(undo, "pvsecure: clearing the scratch slot: %ld\n", undo);
	}
	mutex_unlock(&pvs.mmu_lock);
	u->status = (s32)rc;
	return pvsecure_errno(u->status);
}

static int __init pvsecure_scratch_init(void)
{
	/* The PTE-table pair of pvlib-mm.c: pinned as a coarse table by the
	 * hypervisor, its hardware half after Linux's. */
	pvs.scratch = pte_alloc_one_kernel(&init_mm);
	if (!pvs.scratch)
		return -ENOMEM;
	pvs.scratch_slot = (u32)__pa(pvs.scratch) + PAGE_SIZE;
	return 0;
}
#endif

static long pvsecure_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	/* A system call runs with upcalls unmasked, as natively with
	 * interrupts enabled: pvlib_syscall_entry clears the mask itself.
	 * The requests below wait for the secure domain's event; every one
	 * of the session's checks this first. */
	if (irqs_disabled()) {
		pr_err("pvsecure: a system call entered with upcalls masked\n");
		return -EIO;
	}

	switch (cmd) {
	case PVSECURE_IOC_REQUEST: {
		struct pvsecure_request q;
		int err;

		if (copy_from_user(&q, uarg, sizeof(q)))
			return -EFAULT;
		memset(q.out, 0, sizeof(q.out));
		err = pvsecure_request(q.op, q.data, q.len, &q.status, q.out, &q.out_len);
		if (copy_to_user(uarg, &q, sizeof(q)))
			return -EFAULT;
		return err;
	}
#ifdef CONFIG_PVSECURE_ATTACK
	case PVSECURE_IOC_MMU_UPDATE: {
		struct pvsecure_mmu_update u;
		int err;

		if (!capable(CAP_SYS_RAWIO))
			return -EPERM;
		if (copy_from_user(&u, uarg, sizeof(u)))
			return -EFAULT;
		u.status = 1;
		err = pvsecure_mmu_update(&u);
		if (copy_to_user(uarg, &u, sizeof(u)))
			return -EFAULT;
		return err;
	}
	case PVSECURE_IOC_LAYOUT: {
		const struct pvlib_start_info *si = pvlib_start_info;
		struct pvsecure_layout l = {
			.mem_ma = si->mem_ma,
			.nr_frames = si->nr_frames,
			.l1_ma = si->l1_ma,
			.l2_ma = si->l2_ma,
			.ring_ma = si->ring_ma,
			.scratch_slot = pvs.scratch_slot,
		};

		if (!capable(CAP_SYS_RAWIO))
			return -EPERM;
		return copy_to_user(uarg, &l, sizeof(l)) ? -EFAULT : 0;
	}
#endif
	default:
		return -ENOTTY;
	}
}

static const struct file_operations pvsecure_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= pvsecure_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice pvsecure_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "pvsecure",
	.fops	= &pvsecure_fops,
	.mode	= 0600,
};

static int __init pvsecure_init(void)
{
	const struct pvlib_start_info *si = pvlib_start_info;
	u32 off = si->ring_ma - si->mem_ma;
	int err;

	/* The builder's channel: we own the page (frame 2, below the kernel
	 * image, in our linear map) and are the client. */
	if (!si->ring_owner || si->ring_ma < si->mem_ma || (off & ~PAGE_MASK) ||
	    off >= PVLIB_RESERVED_FRAMES * PAGE_SIZE) {
		pr_info("pvsecure: no ring of ours in the start info (owner %u, ring 0x%08x)\n",
			si->ring_owner, si->ring_ma);
		return -ENODEV;
	}
	pvs.port = si->ring_port;
	pvs.irq = pvlib_bind_evtchn(pvs.port);
	if (pvs.irq < 0)
		return pvs.irq;
	err = request_irq(pvs.irq, pvsecure_interrupt, 0, "pvsecure", &pvs);
	if (err)
		return err;
#ifdef CONFIG_PVSECURE_ATTACK
	err = pvsecure_scratch_init();
	if (err)
		goto free_irq;
#endif
	err = misc_register(&pvsecure_misc);
	if (err)
		goto free_scratch;
	pvs.ring = (struct pvsecure_ring *)(PVLIB_START_INFO_VA + off);
	pr_info("pvsecure: ring at 0x%08x shared with domain %u, event channel %u (irq %d), /dev/%s\n",
		si->ring_ma, si->ring_peer, pvs.port, pvs.irq, pvsecure_misc.name);
	return 0;

free_scratch:
#ifdef CONFIG_PVSECURE_ATTACK
	pte_free_kernel(&init_mm, pvs.scratch);
	pvs.scratch = NULL;
free_irq:
#endif
	free_irq(pvs.irq, &pvs);
	return err;
}
device_initcall(pvsecure_init);

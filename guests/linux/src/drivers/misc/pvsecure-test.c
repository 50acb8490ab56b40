// SPDX-License-Identifier: GPL-2.0-only
/*
 * The secure channel's boot self-test (CONFIG_PVSECURE), run from a
 * kernel thread before user space (pvlib_selftest_before_init): the requests
 * and the attacks pvlib's system test checks line by line
 * (tests/system/linux.expect). pvlib's docs/linux.md, "The secure
 * channel" and "Attacks from Linux".
 *
 * The expected answers are the unchanged secure domain's
 * (examples/guest/secure.c): its PIN, and the SipHash-2-4 tag of
 * PVSECURE_TEST_MSG under its key, computed on the build host by an
 * independent implementation (guests/linux/siphash-ref, itself checked
 * against the published test vectors), never by this kernel, which does
 * not know the key.
 */
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/pvsecure.h>
#include <linux/string.h>

#include <asm/pvlib.h>

#define PVSECURE_TEST_PIN	"4321"
#define PVSECURE_TEST_WRONG_PIN	"1234"
#define PVSECURE_TEST_MSG	"transfer 100 to alice"
/* guests/linux/siphash-ref 'transfer 100 to alice' */
#define PVSECURE_TEST_TAG	0xe05c0054f21eb16fULL
/* An answer takes microseconds; a wake-up that never came, the timeout. */
#define PVSECURE_TEST_MAX_MS	100

/*
 * Where the reference hypervisor's configuration puts the secure domain's
 * megabyte and the hypervisor's image (pvlib's
 * examples/include/refhv_layout.h: public knowledge, the attacker guest
 * aims at the same frames), from the board's RAM base, which is 32 MiB
 * below this domain's memory (REFHV_LINUX_MEM): 0 on versatilepb,
 * 0x60000000 on vexpress-a9. Linux is told neither; an attacker guesses
 * them.
 */
#define PVSECURE_RAM_PA		((u32)PHYS_OFFSET - 0x02000000u)	/* BOARD_RAM_PA */
#define PVSECURE_SECURE_MA	(PVSECURE_RAM_PA + 0x01000000u)	/* REFHV_DOM_MEM(0) */
#define PVSECURE_SECURE_L2_MA	(PVSECURE_SECURE_MA + 8 * 4096u)	/* its REFHV_FRAME_L2 */
#define PVSECURE_HYP_MA		(PVSECURE_RAM_PA + 0x00010000u)	/* REFHV_HYP_IMAGE_MA */
/* An L1 section descriptor of hypervisor memory, for the L1 slot that
 * maps 0xC0000000 (the hypervisor's range): the attacker's value. */
#define PVSECURE_HYP_SECTION	0x00000C12u

static bool pvsecure_check_request(const char *what, u32 op, const char *data, s32 want)
{
	s32 status;
	int err = pvsecure_request(op, data, data ? strlen(data) : 0, &status, NULL, NULL);
	bool ok = status == want && err == pvsecure_errno(want);

	if (want == 0)
		pr_info("pvsecure: %s: %s (%s)%s\n", what, err ? "refused" : "accepted",
			pvsecure_status_name(status), ok ? "" : " UNEXPECTED");
	else
		pr_info("pvsecure: %s: %s: %s, errno %d%s\n", what,
			err ? "refused" : "accepted", pvsecure_status_name(status), err,
			ok ? "" : " UNEXPECTED");
	return ok;
}

static bool pvsecure_check_mac(void)
{
	u8 out[PVSECURE_OUT_MAX];
	u32 n, i;
	s32 status;
	u64 tag = 0;
	int err = pvsecure_request(PVSECURE_OP_MAC, PVSECURE_TEST_MSG,
				   sizeof(PVSECURE_TEST_MSG) - 1, &status, out, &n);
	bool ok;

	for (i = 0; !err && i < n && i < 8; i++)
		tag |= (u64)out[i] << (8 * i);
	ok = !err && n == 8 && tag == PVSECURE_TEST_TAG;
	pr_info("pvsecure: MAC(\"%s\") = %016llx (%s, %u bytes), expected %016llx: %s\n",
		PVSECURE_TEST_MSG, tag, pvsecure_status_name(status), n, PVSECURE_TEST_TAG,
		ok ? "equal" : "DIFFERENT UNEXPECTED");
	return ok;
}

/*
 * /dev/mem: the two decisions drivers/char/mem.c takes before it touches
 * anything, for a frame of the secure domain and one of the hypervisor:
 * read() needs valid_phys_addr_range (only this domain's RAM), read()
 * and mmap() need devmem_is_allowed (CONFIG_STRICT_DEVMEM; under
 * CONFIG_PVLIB_GUEST nothing, lib/devmem_is_allowed.c). User space tries
 * the device itself (guests/linux/user/pvsecure.c).
 */
static bool pvsecure_check_devmem(const char *what, u32 ma)
{
	bool read_ok = valid_phys_addr_range(ma, PAGE_SIZE);
	bool allowed = devmem_is_allowed(ma >> PAGE_SHIFT);

	pr_info("pvsecure: /dev/mem of %s (0x%08x): read %s, mmap %s\n", what, ma,
		read_ok && allowed ? "ALLOWED UNEXPECTED" : "refused",
		allowed ? "ALLOWED UNEXPECTED" : "refused (-EPERM)");
	return !read_ok && !allowed;
}

#ifdef CONFIG_PVSECURE_ATTACK
static bool pvsecure_check_mmu(const char *what, u32 kind, u32 ptr, u32 val, u32 target,
			       u32 writable, s32 want)
{
	struct pvsecure_mmu_update u = {
		.kind = kind, .ptr = ptr, .val = val, .target = target, .writable = writable,
		.status = 1,
	};
	int err = pvsecure_mmu_update(&u);
	bool ok = u.status == want && err == pvsecure_errno(want);

	pr_info("pvsecure: attack: %s: %s%s, errno %d%s\n", what,
		u.status ? "refused " : "", pvsecure_status_name(u.status), err,
		ok ? "" : " UNEXPECTED");
	return ok;
}

static bool pvsecure_check_attacks(void)
{
	const struct pvlib_start_info *si = pvlib_start_info;
	/* A frame of our own that is ordinary memory: the kernel's first
	 * text page (frame 8). */
	u32 own = si->mem_ma + PVLIB_RESERVED_FRAMES * PAGE_SIZE;
	bool ok = true;

	/* The control: the same path accepts a mapping of our own frame. */
	ok &= pvsecure_check_mmu("map my own frame read-only (control)", PVSECURE_MMU_MAP, 0, 0,
				 own, 0, 0);
	ok &= pvsecure_check_mmu("map a frame of the secure domain", PVSECURE_MMU_MAP, 0, 0,
				 PVSECURE_SECURE_MA, 0, -204);
	ok &= pvsecure_check_mmu("map a frame of the hypervisor", PVSECURE_MMU_MAP, 0, 0,
				 PVSECURE_HYP_MA, 0, -1);
	ok &= pvsecure_check_mmu("map my L1 (swapper_pg_dir) writable", PVSECURE_MMU_MAP, 0, 0,
				 si->l1_ma, 1, -203);
	ok &= pvsecure_check_mmu("map a coarse table of my linear map writable",
				 PVSECURE_MMU_MAP, 0, 0, si->l2_ma, 1, -203);
	ok &= pvsecure_check_mmu("write the L1 slot of the hypervisor's range", PVSECURE_MMU_RAW,
				 si->l1_ma + (0xC00u << 2), PVSECURE_HYP_SECTION, 0, 0, -1);
	ok &= pvsecure_check_mmu("write into a page table of the secure domain",
				 PVSECURE_MMU_RAW, PVSECURE_SECURE_L2_MA, 0, 0, 0, -204);
	return ok;
}
#else
static bool pvsecure_check_attacks(void)
{
	pr_info("pvsecure: attack interface not built (CONFIG_PVSECURE_ATTACK)\n");
	return true;
}
#endif

void pvsecure_selftest(void)
{
	unsigned long answers, events, slept;
	u64 max_ns;
	bool ok = true, ok_stats;

	ok &= pvsecure_check_request("PIN check " PVSECURE_TEST_PIN, PVSECURE_OP_PIN_CHECK,
				     PVSECURE_TEST_PIN, 0);
	ok &= pvsecure_check_request("PIN check " PVSECURE_TEST_WRONG_PIN, PVSECURE_OP_PIN_CHECK,
				     PVSECURE_TEST_WRONG_PIN, -13);
	ok &= pvsecure_check_mac();
	ok &= pvsecure_check_request("get the key", PVSECURE_OP_GET_KEY, NULL, -1);
	/* Every answer is signalled by an event the secure domain sends on
	 * the ring's port: as many interrupts as answers. A caller that
	 * slept is woken by that interrupt, well before the timeout (a
	 * missed wake-up would show as a wait of PVSECURE_TIMEOUT_MS). */
	pvsecure_stats(&answers, &events, &slept, &max_ns);
	ok_stats = answers == 4 && events == answers &&
		   max_ns < PVSECURE_TEST_MAX_MS * NSEC_PER_MSEC;
	pr_info("pvsecure: %lu answers, %lu interrupts on the ring's event channel, %lu slept for, longest wait %llu us%s\n",
		answers, events, slept, div_u64(max_ns, NSEC_PER_USEC), ok_stats ? "" : " UNEXPECTED");
	ok &= ok_stats;
	ok &= pvsecure_check_devmem("the secure domain", PVSECURE_SECURE_MA);
	ok &= pvsecure_check_devmem("the hypervisor", PVSECURE_HYP_MA);
	ok &= pvsecure_check_attacks();
	if (ok)
		pr_info("pvsecure: self-test passed: requests answered, key refused, attacks refused\n");
	else
		pr_err("pvsecure: self-test FAILED\n");
}

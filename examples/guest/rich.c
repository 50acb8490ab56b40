/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rich domain: the untrusted OS stand-in and the controlling domain.
 * Asks the secure domain for a PIN check and MACs over the ring, runs a
 * user process (guest-kernel/guest-user split), hears about the attacker's
 * crash, switches the foreground, and measures the hypercall paths.
 */
#include "glib.h"
#include "kuser_test.h"
#include "regs_test.h"
#include "ring.h"

static struct ring *ring;
static uint64_t g_time;
static uint32_t ring_bit;

static int32_t request(uint32_t op, const char *data)
{
	uint32_t n = 0;
	while (data && data[n] && n < sizeof ring->data) {
		ring->data[n] = (uint8_t)data[n];
		n++;
	}
	ring->op = op;
	ring->len = n;
	ring->req_seq = ring->req_seq + 1u;
	(void)evt_send(g_si->ring_port);
	while (ring->rsp_seq != ring->req_seq)
		evt_wait(ring_bit);
	return ring->status;
}

static uint64_t mac(const char *msg)
{
	int32_t rc = request(RING_MAC, msg);
	EXPECT(rc == PV_OK && ring->out_len == 8u, "MAC request: %s\n", status_name(rc));
	uint64_t t = 0;
	for (unsigned i = 0; i < 8u; i++)
		t |= (uint64_t)ring->out[i] << (8u * i);
	return t;
}

/* --- a user process (linked in the user region, ARM domain 2) --------- */
__attribute__((section(".user.rodata"))) static const char u_hello[] =
	"hello from a user process of the rich OS\n";

__attribute__((section(".user.text"), noinline)) static uint32_t u_syscall(uint32_t nr,
									 uint32_t a0)
{
	register uint32_t r0 __asm__("r0") = a0;
	register uint32_t r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
	return r0;
}

__attribute__((section(".user.text"))) void user_task(uint32_t arg);
__attribute__((section(".user.text"))) void user_task(uint32_t arg)
{
	if (arg == 0) {
		u_syscall(SYS_WRITE, (uint32_t)u_hello);
		u_syscall(SYS_EXIT, 7);
	}
	/* Peek at guest-kernel memory: ARM domain 1 is no-access in user mode. */
	u_syscall(SYS_EXIT, *(volatile uint32_t *)arg);
}

static int32_t update(uint32_t ptr, uint32_t val)
{
	struct pv_mmu_update_req req = { ptr, val };
	return HC3(REFHV_HC_MMU_UPDATE, (uint32_t)&req, 1, 0);
}

/* Build a page table the para-virtual way: fill it while it is ordinary
 * memory, drop the writable mapping, pin it (validated whole), hook it into
 * the L1 with mmu_update, use it, then take it all back. */
static void page_table_demo(void)
{
	const uint32_t slot = 200, data_slot = 201, va = 0x00300000u;
	uint32_t t_ma = g_si->mem_ma + slot * 4096u, data_ma = g_si->mem_ma + data_slot * 4096u;
	uint32_t *t = (uint32_t *)slot_va(slot);
	memset(t, 0, 4096);
	t[0] = pv_mmu_desc_small(g_si->mmu_format, data_ma, PV_MMU_DESC_W);
	*(volatile uint32_t *)slot_va(data_slot) = 0xC0FFEEu;
	int32_t rc = update(kern_pte_ma(slot_va(slot)), 0);
	EXPECT(rc == PV_OK, "unmap the new table: %s\n", status_name(rc));
	rc = HC2(REFHV_HC_MMU_PIN, REFHV_PIN_L2, t_ma);
	EXPECT(rc == PV_OK, "pin the new table: %s\n", status_name(rc));
	rc = update(g_si->l1_ma + ((va >> 20) << 2),
		    pv_mmu_desc_table(g_si->mmu_format, t_ma, 1u /* guest kernel ARM domain */));
	EXPECT(rc == PV_OK, "hook the new table: %s\n", status_name(rc));
	uint32_t seen = rc == PV_OK ? *(volatile uint32_t *)va : 0;
	rc = update(g_si->l1_ma + ((va >> 20) << 2), 0);
	EXPECT(rc == PV_OK, "unhook: %s\n", status_name(rc));
	rc = HC1(REFHV_HC_MMU_UNPIN, t_ma);
	EXPECT(rc == PV_OK, "unpin: %s\n", status_name(rc));
	rc = map_slot(slot, t_ma, true);
	EXPECT(rc == PV_OK, "map the frame again: %s\n", status_name(rc));
	gprintf("page tables: built an L2, pinned it, mapped it at 0x%08x, read 0x%x through it, "
		"unmapped, unpinned\n", va, seen);
	EXPECT(seen == 0xC0FFEEu, "read through the new table\n");

	struct pv_multicall_entry mc[3] = {
		{ .op = REFHV_HC_NULL },
		{ .op = REFHV_HC_GET_TIME, .args = { (uint32_t)&g_time } },
		{ .op = REFHV_HC_YIELD },
	};
	rc = HC2(REFHV_HC_MULTICALL, (uint32_t)mc, 3);
	gprintf("multicall of 3: %s; results %s, %s, %s\n", status_name(rc),
		status_name(mc[0].result), status_name(mc[1].result), status_name(mc[2].result));
	EXPECT(rc == PV_OK && mc[0].result == PV_OK && mc[1].result == PV_OK &&
		       mc[2].result == PV_EINVAL && g_time != 0,
	       "multicall results\n");
}

static uint32_t user_stack_top(void)
{
	return REFHV_USER_VA + REFHV_USER_FRAMES * 4096u;
}

static void bench(void)
{
	const uint32_t n = 10000;
	uint64_t t0 = now_ns();
	for (uint32_t i = 0; i < n; i++)
		bare_svc();
	uint64_t t1 = now_ns();
	for (uint32_t i = 0; i < n; i++)
		(void)HC0(REFHV_HC_NULL);
	uint64_t t2 = now_ns();
	const uint32_t m = 1000;
	for (uint32_t i = 0; i < m; i++)
		(void)request(RING_PING, 0);
	uint64_t t3 = now_ns();
	uint32_t bare = (uint32_t)((t1 - t0) * 10u / n), null = (uint32_t)((t2 - t1) * 10u / n);
	gprintf("bench: bare SVC round trip %u.%u, null hypercall round trip %u.%u "
		"(ratio %u.%02u) instructions\n", bare / 10u, bare % 10u, null / 10u, null % 10u,
		null / bare, (null * 100u / bare) % 100u);
	gprintf("bench: ring request + event + reply, secure domain answering: %u instructions\n",
		(uint32_t)((t3 - t2) / m));
}

void guest_main(void)
{
	gprintf("up: domain %u, %u frames at 0x%08x, %s, cpu 0x%08x\n", (uint32_t)g_si->domid,
		g_si->nr_frames, g_si->mem_ma,
		(g_si->flags & REFHV_SI_CONTROLLER) ? "controlling domain" : "guest", g_si->cpu_id);
	ring = (struct ring *)slot_va(REFHV_FRAME_RING);
	ring_bit = 1u << g_si->ring_port;
	int32_t fault_port = HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_VIRQ, REFHV_VIRQ_DOM_FAULT);
	EXPECT(fault_port > 0, "bind the fault virq: %s\n", status_name(fault_port));
	evt_enable();

	int32_t rc = request(RING_PIN_CHECK, "1234");
	gprintf("PIN 1234: %s\n", rc == PV_OK ? "accepted" : status_name(rc));
	EXPECT(rc == PV_EACCES, "wrong PIN accepted\n");
	rc = request(RING_PIN_CHECK, "4321");
	gprintf("PIN 4321: %s\n", rc == PV_OK ? "accepted" : status_name(rc));
	EXPECT(rc == PV_OK, "right PIN refused\n");
	uint64_t a = mac("transfer 100 to alice"), b = mac("transfer 100 to alice");
	uint64_t c = mac("transfer 900 to mallory");
	gprintf("MAC(\"transfer 100 to alice\") = %016lx\n", a);
	gprintf("MAC(\"transfer 900 to mallory\") = %016lx\n", c);
	EXPECT(a == b && a != c, "MACs inconsistent\n");
	gprintf("MAC check: %s\n", a == b && a != c ? "same message same tag, other message other tag"
						     : "WRONG");
	rc = request(RING_GET_KEY, 0);
	gprintf("asking for the key: %s\n", status_name(rc));
	EXPECT(rc == PV_EPERM, "key request not refused\n");

	page_table_demo();

	int32_t r = run_user((uint32_t)user_task, user_stack_top(), 0);
	gprintf("user process exited with %d\n", r);
	EXPECT(r == 7, "user process exit value\n");
	r = run_user((uint32_t)user_task, user_stack_top(), (uint32_t)&ring);
	gprintf("user process peeking at kernel memory: %s\n",
		r == -(int32_t)REFHV_EXC_DABT ? "stopped by a domain fault" : "NOT STOPPED");
	EXPECT(r == -(int32_t)REFHV_EXC_DABT, "user process read kernel memory\n");
	kuser_tests();
	regs_tests();

	/* Wait for the hypervisor to report the attacker's crash. */
	/* Meanwhile keep a heartbeat on the one-shot timer: it must keep
	 * beating while the attacker spins without yielding. */
	int32_t timer_port = HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_VIRQ, REFHV_VIRQ_TIMER);
	EXPECT(timer_port > 0, "bind the timer virq: %s\n", status_name(timer_port));
	uint32_t other = 0, beats = 0;
	for (;;) {
		uint64_t next = now_ns() + 2000000u;
		(void)HC2(REFHV_HC_SET_TIMER, (uint32_t)next, (uint32_t)(next >> 32));
		uint32_t got = evt_wait(~ring_bit);
		if (got & (1u << fault_port))
			break;
		if (got & (1u << timer_port))
			beats++;
		else
			other++;
	}
	(void)HC2(REFHV_HC_SET_TIMER, 0, 0);
	gprintf("heartbeats while the attacker ran: %u\n", beats);
	EXPECT(beats > 5u, "too few heartbeats\n");
	gputs("hypervisor reports: a domain faulted (VIRQ_DOM_FAULT)\n");
	kuser_tls_check();
	gprintf("wake-ups from the attacker's flood: %u (upcalls in all: %u)\n", other, g_upcalls);
	rc = HC1(REFHV_HC_SWITCH_FG, 0);
	EXPECT(rc == PV_OK, "switch foreground: %s\n", status_name(rc));
	rc = HC1(REFHV_HC_SWITCH_FG, 1);
	EXPECT(rc == PV_OK, "switch foreground back: %s\n", status_name(rc));

	if (g_si->flags & REFHV_SI_BENCH) /* the bench image only */
		bench();
	rc = request(RING_QUIT, 0);
	EXPECT(rc == PV_OK, "quit: %s\n", status_name(rc));
	gprintf("done, %u unexpected results\n", g_failures);
}

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The attacker: tries every isolation breach it can think of. Each must be
 * refused with the expected error (or, where the refusal is a fault, with
 * the expected fault status and address); then it crashes on purpose.
 */
#include "glib.h"
#include "refhv_layout.h"
#include "ring.h"

/* The machine layout is public (refhv_layout.h, board.h): the attacker
 * knows where the others live, which is the worst case. */
#define SECURE_MEM REFHV_DOM_MEM(0)
#ifdef REFHV_LINUX /* the Linux configuration: Linux in the rich domain's place */
#define RICH_MEM REFHV_LINUX_MEM
#else
#define RICH_MEM REFHV_DOM_MEM(1)
#endif
#define HYP_IMAGE REFHV_HYP_IMAGE_MA
#define UART_PA BOARD_UART0_PA
#define SCRATCH_SLOT (REFHV_FREE_SLOT + 1u)

static volatile uint32_t last_kind, last_fsr, last_far, last_pc, last_cpsr, fault_count;

/* Bytes of the instruction at pc in the state cpsr says: 4 in ARM state; in
 * Thumb 4 for a 32-bit Thumb-2 instruction (first halfword 0b11101,
 * 0b11110 or 0b11111 in [15:11]), else 2. */
static uint32_t insn_len(uint32_t pc, uint32_t cpsr)
{
	if (!(cpsr & PV_PSR_T))
		return 4u;
	uint32_t hw = *(const volatile uint16_t *)(uintptr_t)pc;
	return (hw >> 11) >= 0x1Du ? 4u : 2u;
}

/*
 * A permanently undefined instruction (UDF: ARM 0xE7F000F0, Thumb 0xDE00,
 * undefined on ARMv5 and ARMv7 alike), in the instruction set this guest is
 * compiled for, then a return.
 */
void und_insn(void);
#ifdef __thumb__
__asm__(".text\n.balign 4\n.global und_insn\n.thumb_func\nund_insn:\n"
	".short 0xde00\nbx lr\n");
#else
__asm__(".text\n.balign 4\n.global und_insn\n.arm\nund_insn:\n"
	".word 0xe7f000f0\nbx lr\n");
#endif
static volatile bool crashing;
static volatile uint32_t *volatile nowhere; /* NULL: unmapped */

static bool hook(uint32_t kind, uint32_t fsr, uint32_t far)
{
	if (crashing) {
		/* Fault again inside the handler: the hypervisor cannot deliver
		 * it, so the configured fault action applies. */
		nowhere[1] = 0xdead;
	}
	last_kind = kind;
	last_fsr = fsr;
	last_far = far;
	fault_count++;
	struct pv_trap_frame *f = &g_vcpu->saved;
	last_pc = f->pc;
	last_cpsr = f->cpsr;
	if (kind == REFHV_EXC_PABT || f->pc - REFHV_VECTOR_PAGE_VA < 4096u) {
		/* A branch-and-link went astray, or a kuser helper we called
		 * faulted: return to the caller as BX lr would, in the state
		 * bit 0 of lr names (the abort may have been taken in the
		 * other state: set T from lr, not from the frame). */
		f->pc = f->lr & ~1u;
		f->cpsr = (f->cpsr & ~PV_PSR_T) | ((f->lr & 1u) ? PV_PSR_T : 0u);
	} else
		f->pc += insn_len(f->pc, f->cpsr); /* skip the faulting instruction */
	return true;
}

static void expect(const char *what, int32_t got, int32_t want)
{
	gprintf("%s: %s (%s)\n", what, status_name(got),
		got != want ? "UNEXPECTED" : want == PV_OK ? "accepted; they coalesce" : "refused as expected");
	if (got != want)
		g_failures++;
}

/* Fault status FS[4:0] of a DFSR/IFSR value (FS[4] is bit 10 on ARMv7). */
static uint32_t fault_status(uint32_t fsr)
{
	return (fsr & 0xFu) | ((fsr >> 6) & 0x10u);
}

static void expect_fault(const char *what, uint32_t kind, uint32_t status, uint32_t far)
{
	bool ok = fault_count == 1u && last_kind == kind && fault_status(last_fsr) == status &&
		  last_far == far;
	gprintf("%s: fault kind %u status 0x%x far 0x%08x (%s)\n", what, last_kind,
		fault_status(last_fsr), last_far, ok ? "refused as expected" : "UNEXPECTED");
	if (!ok)
		g_failures++;
	fault_count = 0;
}

static int32_t update(uint32_t ptr, uint32_t val)
{
	struct pv_mmu_update_req req = { ptr, val };
	return HC3(REFHV_HC_MMU_UPDATE, (uint32_t)&req, 1, 0);
}

typedef void fn_t(void);

/*
 * The kuser helper page (ABI version 4) is ours to read and call, never to
 * write; the TLS value is only a value, and only ours.
 */
#define ATTACK_TLS 0xC0010000u /* a hypervisor address, as a TLS value */
typedef uint32_t kuser_get_tls_t(void);
typedef uint32_t kuser_cmpxchg_t(uint32_t old, uint32_t new, volatile uint32_t *p);

static void kuser_attacks(void)
{
	*(volatile uint32_t *)REFHV_KUSER_TLS_WORD = 0xBADu;
	expect_fault("write the kuser TLS word", REFHV_EXC_DABT, 0xFu, REFHV_KUSER_TLS_WORD);
	*(volatile uint32_t *)REFHV_KUSER_CMPXCHG = 0xE3A00000u; /* mov r0, #0 */
	expect_fault("write a kuser helper's code", REFHV_EXC_DABT, 0xFu, REFHV_KUSER_CMPXCHG);
	*(volatile uint32_t *)REFHV_VECTOR_PAGE_VA = 0xEAFFFFFEu; /* b . over the reset vector */
	expect_fault("write the exception vectors", REFHV_EXC_DABT, 0xFu, REFHV_VECTOR_PAGE_VA);

	/* The helper runs with our rights only: a cmpxchg on hypervisor
	 * memory faults in the helper, reported at its restart point (the
	 * hook returns to our lr). */
	(void)((kuser_cmpxchg_t *)REFHV_KUSER_CMPXCHG)(0u, 1u, (volatile uint32_t *)0xC0010000u);
	if (last_pc != REFHV_KUSER_CMPXCHG) {
		gprintf("UNEXPECTED: helper fault at pc 0x%08x\n", last_pc);
		g_failures++;
	}
	expect_fault("cmpxchg helper on hypervisor memory", REFHV_EXC_DABT, 0xDu, 0xC0010000u);

	/* Any value is a valid TLS value (Linux's set_tls takes any): the
	 * hypervisor only shows it back, to this domain alone (rich checks
	 * that its own value survived us). */
	int32_t rc = HC1(REFHV_HC_SET_TLS, ATTACK_TLS);
	uint32_t seen = ((kuser_get_tls_t *)REFHV_KUSER_GET_TLS)();
	uint32_t word = *(const volatile uint32_t *)REFHV_KUSER_TLS_WORD;
	bool ok = rc == PV_OK && seen == ATTACK_TLS && word == ATTACK_TLS && fault_count == 0u;
	gprintf("set my TLS to a hypervisor address: %s, get_tls returns it (%s)\n",
		status_name(rc), ok ? "only a value, and only ours" : "UNEXPECTED");
	if (!ok)
		g_failures++;
	fault_count = 0;
}

static uint32_t code_buf[4];

void guest_main(void)
{
	const bool v7 = g_si->mmu_format == PV_MMU_ABI_FMT_V7;
	gprintf("up: domain %u; starting attacks\n", (uint32_t)g_si->domid);
	g_exc_hook = hook;
	evt_enable();

	expect("map a frame of the secure domain", map_slot(SCRATCH_SLOT, SECURE_MEM + 0x10000u, false),
	       PV_EXDEV);
	expect("map the rich domain's ring (granted to secure only)",
	       map_slot(SCRATCH_SLOT, RICH_MEM + REFHV_FRAME_RING * 4096u, true), PV_EXDEV);
	expect("map a frame of the hypervisor", map_slot(SCRATCH_SLOT, HYP_IMAGE, false), PV_EPERM);
	expect("map the UART", map_slot(SCRATCH_SLOT, UART_PA, true), PV_ERANGE);
	expect("map the UART as a device", map_device(SCRATCH_SLOT, UART_PA), PV_ERANGE);
#ifdef BOARD_TIMER23_PA /* the secure domain's device, where the board has one */
	expect("map the secure domain's device", map_device(SCRATCH_SLOT, BOARD_TIMER23_PA),
	       PV_EXDEV);
	expect("bind the secure domain's interrupt",
	       HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_PIRQ, BOARD_IRQ_TIMER23), PV_EPERM);
	expect("end the secure domain's interrupt",
	       HC2(REFHV_HC_EVTCHN, REFHV_EVT_PIRQ_EOI, BOARD_IRQ_TIMER23), PV_EPERM);
#else
	gputs("map the secure domain's device: not attempted (no device on this board)\n");
#endif
	expect("bind the hypervisor's timer interrupt",
	       HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_PIRQ, BOARD_IRQ_TIMER01), PV_EPERM);
	expect("map my own L1 table writable", map_slot(SCRATCH_SLOT, g_si->l1_ma, true), PV_ETYPE);
	if (v7) {
		/* A global entry would survive the switch to the next domain's ASID. */
		uint32_t own = g_si->mem_ma + SCRATCH_SLOT * 4096u;
		expect("map one of my own pages global (nG = 0)",
		       update(kern_pte_ma(slot_va(SCRATCH_SLOT)),
			      pv_mmu_desc_small(g_si->mmu_format, own, PV_MMU_DESC_W) & ~(1u << 11)),
		       PV_EPERM);
	} else {
		gputs("map one of my own pages global: not attempted (ARMv5 has no ASIDs)\n");
	}
	expect("write an L1 slot of the hypervisor range",
	       update(g_si->l1_ma + (0xC00u << 2), 0x00000C12u), PV_EPERM);
	expect("update a table of the secure domain",
	       update(SECURE_MEM + REFHV_FRAME_L2 * 4096u, 0), PV_EXDEV);
	expect("pin a secure frame as a page table",
	       HC2(REFHV_HC_MMU_PIN, REFHV_PIN_L2, SECURE_MEM + 0x20000u), PV_EXDEV);
	expect("forge a grant of a secure frame to myself",
	       HC3(REFHV_HC_GRANT, SECURE_MEM + 0x10000u, g_si->domid, 1), PV_EXDEV);
	expect("open a channel to the secure domain",
	       HC2(REFHV_HC_EVTCHN, REFHV_EVT_ALLOC_UNBOUND, 0), PV_EPERM);
	expect("bind to the secure domain's ring port",
	       HC3(REFHV_HC_EVTCHN, REFHV_EVT_BIND_INTERDOMAIN, 0, 1), PV_EPERM);
	expect("switch the foreground domain (controller only)", HC1(REFHV_HC_SWITCH_FG, 2),
	       PV_EPERM);
	expect("an unknown hypercall", hcall(40, 0, 0, 0, 0, 0), PV_ENOSYS);
	/* Guest ABI 8's calls are not in this domain's permission set: iret_regs
	 * must reach the dispatcher (the hypervisor takes it before the
	 * dispatcher only for a domain allowed it) and be refused there. */
	expect("iret_regs without the permission", HC0(REFHV_HC_IRET_REGS), PV_EPERM);
	expect("get_time_regs without the permission", HC0(REFHV_HC_GET_TIME_REGS), PV_EPERM);
	expect("console write from hypervisor memory",
	       HC2(REFHV_HC_CONSOLE_WRITE, 0xC0010000u, 16), PV_EFAULT);
	expect("semihosting exit from USR mode", hcall(0x7777, 0x18, 0x20026, 0, 0, 0), PV_ENOSYS);
	expect("clean the caches over hypervisor memory",
	       HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_CACHE_CLEAN_INVAL, 0xC0010000u, 4096), PV_EFAULT);
	expect("clean the caches over an unmapped range",
	       HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_CACHE_CLEAN, 0x00400000u, 4096), PV_EFAULT);
	expect("one maintenance call over 1 MiB",
	       HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_SYNC_ICACHE, 0x00100000u, 1u << 20), PV_E2BIG);
	expect("flush the whole cache, naming hypervisor memory",
	       HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL, 0xC0010000u, 4096), PV_EINVAL);
	expect("invalidate the whole instruction cache with a length",
	       HC3(REFHV_HC_MMU_MAINT, PV_MMU_MAINT_ICACHE_ALL_INVAL, 0, 1), PV_EINVAL);
	/* Whole-cache maintenance itself is allowed (Linux's flush_cache_all
	 * needs it): data is written back before it is discarded, so asking
	 * for it again and again costs time only (pvlib/abi/mmu.h). */
	int32_t flush_rc = PV_OK;
	for (unsigned k = 0; k < 100u && flush_rc == PV_OK; k++)
		flush_rc = HC3(REFHV_HC_MMU_MAINT, k & 1u ? PV_MMU_MAINT_ICACHE_ALL_INVAL
							   : PV_MMU_MAINT_CACHE_ALL_CLEAN_INVAL, 0, 0);
	gprintf("flush the whole cache 100 times: %s (%s)\n", status_name(flush_rc),
		flush_rc == PV_OK ? "accepted; it costs time only" : "UNEXPECTED");
	if (flush_rc != PV_OK)
		g_failures++;

	/* Faults: the attacker is told the status and address. */
	volatile uint32_t *l1 = (volatile uint32_t *)slot_va(REFHV_FRAME_L1);
	l1[0xC00] = 0x00000C12u; /* write my L1 directly: it is not mapped */
	expect_fault("write my own L1 table directly", REFHV_EXC_DABT, 0x7u, /* translation, page */
		     (uint32_t)&l1[0xC00]);
	volatile uint32_t *hyp = (volatile uint32_t *)0xC0010000u;
	(void)*hyp;
	expect_fault("read hypervisor memory", REFHV_EXC_DABT, 0xDu, 0xC0010000u); /* permission */
	((fn_t *)0xC0010000u)();
	/* ARMv5 keeps no prefetch-abort status (the hypervisor passes 0). */
	expect_fault("jump into the hypervisor", REFHV_EXC_PABT, v7 ? 0xDu : 0x0u, 0xC0010000u);
	/* The same from a Thumb branch (bit 0 set): the abort is taken in
	 * Thumb state, reported at the same address, and the return to the
	 * caller (lr) resumes in the caller's state. */
	((fn_t *)(0xC0010000u | 1u))();
	if (!(last_cpsr & PV_PSR_T)) {
		gprintf("UNEXPECTED: prefetch abort not taken in Thumb state (cpsr 0x%08x)\n",
			last_cpsr);
		g_failures++;
	}
	expect_fault("jump into the hypervisor in Thumb state", REFHV_EXC_PABT, v7 ? 0xDu : 0x0u,
		     0xC0010000u);
	if (v7) {
		/* Code written into a data page: XN (the builder maps data XN). */
		code_buf[0] = 0xE12FFF1Eu; /* bx lr */
		((fn_t *)(uintptr_t)code_buf)();
		expect_fault("execute code written to a data page", REFHV_EXC_PABT, 0xFu,
			     (uint32_t)(uintptr_t)code_buf); /* permission, page */
	} else {
		gputs("execute code written to a data page: not attempted (ARMv5 has no execute-never)\n");
	}

	/* An undefined instruction: the exception pc is its address and the
	 * state it ran in is kept (ARM or Thumb), and the hook's resume after
	 * it comes back to this code in its own state. */
	und_insn();
	uint32_t und_at = (uint32_t)(uintptr_t)und_insn & ~1u;
	bool und_thumb = ((uint32_t)(uintptr_t)und_insn & 1u) != 0;
	bool und_ok = fault_count == 1u && last_kind == REFHV_EXC_UND && last_pc == und_at &&
		      ((last_cpsr & PV_PSR_T) != 0) == und_thumb;
	gprintf("an undefined instruction: exception pc at the instruction, state kept (%s)\n",
		und_ok ? "refused as expected" : "UNEXPECTED");
	if (!und_ok) {
		gprintf("  kind %u pc 0x%08x (instruction at 0x%08x) cpsr 0x%08x\n", last_kind,
			last_pc, und_at, last_cpsr);
		g_failures++;
	}
	fault_count = 0;

	kuser_attacks();

	/* Flood the controlling domain: pending bits coalesce. */
	int32_t rc = PV_OK;
	for (uint32_t i = 0; i < 10000u && rc == PV_OK; i++)
		rc = evt_send(g_si->ctrl_port);
	expect("10000 events to the controlling domain", rc, PV_OK);

	/* Spin without yielding: the hypervisor preempts it at the end of each
	 * slice and the others keep running (rich counts its heartbeats). */
	uint64_t start = now_ns();
	while (now_ns() - start < 20000000u)
		;
	gputs("looped 20 ms without yielding\n");

	gprintf("%u attacks not refused as expected; now crashing on purpose\n", g_failures);
	/* Leave our TLS value in the kuser word as we go: rich, told of our
	 * crash, checks that it reads its own value, not this one. */
	(void)HC1(REFHV_HC_SET_TLS, ATTACK_TLS);
	crashing = true;
	nowhere[0] = 0xdead;
	gputs("UNEXPECTED: still alive after crashing\n");
}

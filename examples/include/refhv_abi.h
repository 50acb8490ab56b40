/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's guest ABI: hypercall numbers, the start-info
 * page, the per-vcpu exception area and the guest address-space layout.
 * A guest includes this header and pvlib/abi/{hypercall,mmu,evtchn}.h.
 *
 * Calling convention (pvlib/abi/hypercall.h): "svc #0" with the number in
 * r12 and arguments in r0..r4; the result comes back in r0 (>= 0 success,
 * < 0 a pv_status error). The SVC immediate is ignored: what makes an SVC a
 * hypercall is the guest's virtual mode. An SVC made in virtual kernel mode
 * is a hypercall; an SVC made in virtual user mode is a guest system call
 * and is reflected to the guest kernel's exception entry as
 * REFHV_EXC_SYSCALL, untouched.
 *
 * Instruction sets (since ABI version 3): a guest may run ARM or Thumb code
 * (Thumb-1 on the ARM926, Thumb-2 on the Cortex-A9), and switch freely.
 *  - The guest starts at its image's first byte in ARM state.
 *  - The entries given to REFHV_HC_SET_CALLBACKS are interworking addresses,
 *    as for BX: bit 0 set enters in Thumb state at the address with bit 0
 *    clear (2-aligned), bit 0 clear in ARM state (4-aligned, else
 *    PV_EALIGN).
 *  - The frame stored in the vcpu area holds the interrupted state exactly:
 *    saved.pc is the resume address for an upcall, an interrupt and a
 *    system call (the instruction after the SVC: + 2 in Thumb, + 4 in ARM),
 *    and the address of the faulting instruction for an undefined
 *    instruction, a prefetch abort and a data abort, in either state;
 *    saved.cpsr keeps the T bit (and on ARMv7 the IT state) of the
 *    interrupted code.
 *  - REFHV_HC_IRET resumes in Thumb state if saved.cpsr's T bit or bit 0
 *    of saved.pc is set, else in ARM state, at saved.pc aligned for that
 *    state; it keeps N Z C V Q, T and (ARMv7) IT and GE, and sets USR mode
 *    with interrupts enabled.
 *
 * Kernel-user helpers and user TLS (since ABI version 4): what Linux user
 * space on ARM expects of its kernel, provided by the hypervisor because
 * the vector page is the hypervisor's.
 *  - The vector page, REFHV_VECTOR_PAGE_VA, is readable and executable (in
 *    ARM state) from USR mode and never writable by a guest (a write is a
 *    permission fault, delivered as REFHV_EXC_DABT). Its last 160 bytes hold
 *    the helpers at Linux's fixed addresses, with Linux's contracts
 *    (registers in and out, clobbers, C flag; Linux's
 *    Documentation/arm/kernel_user_helpers.rst):
 *    REFHV_KUSER_CMPXCHG64, _MEMORY_BARRIER, _CMPXCHG, _GET_TLS, and the
 *    words REFHV_KUSER_TLS_WORD and REFHV_KUSER_VERSION_WORD (which holds
 *    REFHV_KUSER_VERSION, the number of helpers: all five are there). The
 *    rest of the page is the hypervisor's exception vectors (the addresses
 *    of its handlers: public, like its image).
 *  - The cmpxchg helpers are atomic on this one CPU: the hypervisor resumes
 *    any trap taken between a helper's load and its store (an interrupt, or
 *    an abort of that load or store) at the load again, before it stores
 *    the frame anywhere. So a guest kernel sees, in saved.pc of an upcall
 *    or of a data abort taken inside a helper, the helper's restart point:
 *    REFHV_KUSER_CMPXCHG for __kuser_cmpxchg, REFHV_KUSER_CMPXCHG64_RETRY
 *    (after the helper has pushed r4-r6 and lr and loaded both values) for
 *    __kuser_cmpxchg64; far and fsr are the fault's, lr is still the
 *    caller's return address. Resuming that frame (after mapping the page,
 *    say) completes the call; nothing else is needed from the guest.
 *  - Since ABI version 7, the fsr of a data abort taken at a cmpxchg
 *    helper's store has REFHV_FSR_WNR set, on every port. A guest kernel
 *    tells a write fault from a read fault by that bit on ARMv6 and later
 *    (the MMU sets it) and, on ARMv5 (whose MMU does not), by that bit if
 *    set, else by reading the faulting instruction at saved.pc, as Linux
 *    does natively. Inside a helper saved.pc is the restart point, a load,
 *    so without the bit a store to a page the guest maps read-only until
 *    first written (Linux's copy-on-write and dirty-bit pages) would be
 *    handled as a read for ever. An ARMv5 port reports only the FSR's
 *    status and domain (bits 7:0; the rest of that register reads as
 *    anything), so there bit 11 is only ever the hypervisor's.
 *  - REFHV_HC_SET_TLS(value) sets the calling domain's user TLS value: any
 *    32-bit value (Linux's set_tls takes any), the hypervisor only stores
 *    and shows it. While the domain runs, REFHV_KUSER_TLS_WORD reads that
 *    value (__kuser_get_tls returns it), and on ARMv7 TPIDRURO too (the
 *    hypervisor loads both on every switch to the domain). A new domain's
 *    value is 0; no domain ever sees another's. A guest kernel switches it
 *    per thread.
 *
 * Nested exceptions and the interrupted mask (since ABI version 5): what a
 * kernel that handles exceptions on per-thread stacks, sleeps in system
 * calls and takes faults inside its own handlers (Linux) needs.
 *  - saved.cpsr's I bit (PV_PSR_I) is the vcpu's upcall_mask when the
 *    exception was taken: set if upcalls were masked (the hypervisor masks
 *    them on every delivery, so the guest could not tell otherwise). The
 *    real CPSR's I bit of a guest is always clear.
 *  - REFHV_HC_IRET sets upcall_mask from saved.cpsr's I bit: 1 if set, 0 if
 *    clear (before version 5 it always cleared it). A frame resumed with
 *    upcalls unmasked takes any pending upcall at once.
 *  - REFHV_HC_SET_CALLBACKS takes flags in its fourth argument (r3):
 *    REFHV_CB_REENTRANT, or 0; any other bit is PV_EINVAL. Without the
 *    flag, nothing is delivered between an entry and the next iret (a fault
 *    there is the domain's fault action), as before. With it, the vcpu
 *    area's busy word decides: the hypervisor sets it to 1 when it stores a
 *    frame there and enters the guest, and the guest stores 0 once it has
 *    copied the frame (and the other words) elsewhere; from then on the
 *    next exception or upcall may be delivered, which overwrites the area.
 *    iret clears it too. A fault taken while busy is nonzero cannot be
 *    delivered (the domain's fault action), so a guest whose entry faults
 *    before it has saved the frame is stopped, not looped.
 *
 * System calls with the registers in place, and time in registers (since
 * ABI version 8): a system call and its return without copying the
 * interrupted registers through the vcpu area, and the clock without a
 * copy to guest memory.
 *  - REFHV_HC_SET_CALLBACKS's flag REFHV_CB_SYSCALL_REGS makes its fifth
 *    argument (r4) a system-call entry (an interworking address, checked
 *    like the other two entries; without the flag r4 is ignored). A system
 *    call from virtual user mode then enters that entry, not the exception
 *    entry, in virtual kernel mode with upcalls masked, with r0-r12 and lr
 *    as the user left them and sp the registered kernel sp. Of the vcpu
 *    area only saved.sp, saved.lr, saved.pc and saved.cpsr (the user's;
 *    the I bit is the mask, as for any exception), saved_vmode (user) and
 *    kind (REFHV_EXC_SYSCALL) are written, and busy as for any delivery;
 *    saved.r0-r12, fsr and far keep what they held. When it cannot be
 *    delivered (busy, or in_exception without REFHV_CB_REENTRANT) the
 *    domain's fault action applies, as for any exception. r0 is the
 *    user's, not a kind: an entry that is also registered as the
 *    exception entry must read kind from the vcpu area.
 *  - REFHV_HC_IRET_REGS is REFHV_HC_IRET with r0-r11 taken from the
 *    caller's own registers at the SVC: saved.r0-r11 are not read. r12,
 *    sp, lr, pc, cpsr and the virtual mode come from the vcpu area and are
 *    checked exactly as iret checks them; it is iret in every other way
 *    (the mask from the I bit, busy cleared).
 *  - REFHV_HC_GET_TIME_REGS returns PV_OK in r0 and the hypervisor's time
 *    in r1 (low word) and r2 (high word), where REFHV_HC_GET_TIME copies it
 *    to guest memory.
 */
#ifndef REFHV_ABI_H
#define REFHV_ABI_H

#include <stddef.h>
#include <stdint.h>

#include <pvlib/abi/mmu.h>
#include <pvlib/trap.h>

#define REFHV_ABI_VERSION 8u /* 3: Thumb entries and resume; 4: kuser helpers, SET_TLS;
				5: the saved mask, reentrant entries (see above);
				6: MMU_MAINT's whole-cache operations;
				7: REFHV_FSR_WNR on a helper's store fault,
				   the start info's command line;
				8: system calls with the registers in place,
				   IRET_REGS, GET_TIME_REGS (see above) */

enum refhv_hc {
	REFHV_HC_CONSOLE_WRITE = 0, /* (va, len) -> bytes written */
	REFHV_HC_MMU_UPDATE = 1,    /* (reqs va, count, done va or 0) */
	REFHV_HC_MMU_PIN = 2,       /* (enum pv_mmu_table, table ma) */
	REFHV_HC_MMU_UNPIN = 3,     /* (table ma) */
	REFHV_HC_MMU_SWITCH_BASE = 4, /* (l1 ma) */
	REFHV_HC_EVTCHN = 5,        /* (REFHV_EVT_*, a, b) -> port or 0 */
	REFHV_HC_GRANT = 6,         /* (frame ma, peer domid, writable) */
	REFHV_HC_GRANT_REVOKE = 7,  /* (frame ma) */
	REFHV_HC_SET_CALLBACKS = 8, /* (event entry, exception entry, kernel sp,
				       REFHV_CB_* flags, system-call entry) */
	REFHV_HC_YIELD = 9,         /* () */
	REFHV_HC_BLOCK = 10,        /* () wait for an event; unmasks upcalls */
	REFHV_HC_GET_TIME = 11,     /* (va of uint64_t ns) */
	REFHV_HC_SET_TIMER = 12,    /* (deadline ns low, high): one shot, VIRQ_TIMER */
	REFHV_HC_SWITCH_FG = 13,    /* (domid) controlling domain only */
	REFHV_HC_IRET = 14,         /* () resume the frame in the vcpu area */
	REFHV_HC_SHUTDOWN = 15,     /* (code) the domain stops */
	REFHV_HC_MULTICALL = 16,    /* (entries va, count) */
	REFHV_HC_NULL = 17,         /* () does nothing: the benchmark's round trip */
	REFHV_HC_MMU_MAINT = 18,    /* (PV_MMU_MAINT_* op, va, len): TLB or cache
				       maintenance on our own address space */
	REFHV_HC_SET_TLS = 19,      /* (value): our user TLS value (see above) */
	REFHV_HC_IRET_REGS = 20,    /* () iret, r0-r11 from our registers (ABI 8) */
	REFHV_HC_GET_TIME_REGS = 21, /* () -> PV_OK, ns in r1 (low), r2 (high) */
	REFHV_HC_COUNT = 22
};

/* REFHV_HC_EVTCHN operations. */
enum refhv_evt {
	REFHV_EVT_ALLOC_UNBOUND = 0,    /* a = remote domid -> port */
	REFHV_EVT_BIND_INTERDOMAIN = 1, /* a = remote domid, b = remote port -> port */
	REFHV_EVT_SEND = 2,             /* a = port */
	REFHV_EVT_CLOSE = 3,            /* a = port */
	REFHV_EVT_UNMASK = 4,           /* a = port */
	REFHV_EVT_BIND_VIRQ = 5,        /* a = virq -> port */
	REFHV_EVT_BIND_PIRQ = 6,        /* a = a line routed to us -> port */
	REFHV_EVT_PIRQ_EOI = 7,         /* a = line: done with it, unmask it */
};

/*
 * Limits the reference hypervisor enforces. Each is at most the library's
 * own bound, and the hypervisor's code uses these names (the refhv-abi host
 * test checks each against the code that enforces it, hv/limits.c).
 */
#define REFHV_CONSOLE_MAX 512u     /* bytes per CONSOLE_WRITE; more: PV_E2BIG */
#define REFHV_MMU_UPDATE_MAX 256u  /* requests per MMU_UPDATE; more: PV_E2BIG
				      (PV_MMU_UPDATE_MAX, 1024, is the library's
				      bound for one pv_mmu_update call) */
#define REFHV_MULTICALL_MAX 64u    /* entries per MULTICALL; more: PV_E2BIG
				      (library bound: PV_HC_MULTICALL_MAX) */
#define REFHV_EVT_PORTS 64u        /* event-channel ports per domain, 2-level
				      ABI: ports 0..63; higher: PV_ERANGE */
#define REFHV_MMU_MAINT_LEN_MAX PV_MMU_MAINT_LEN_MAX /* bytes per MMU_MAINT */

/* The kernel-user helpers (ABI version 4, see the top of this file): the
 * addresses Linux user space calls. */
#define REFHV_VECTOR_PAGE_VA 0xFFFF0000u
#define REFHV_KUSER_CMPXCHG64 0xFFFF0F60u        /* two slots: 0x...f80 is no entry */
#define REFHV_KUSER_CMPXCHG64_RETRY 0xFFFF0F6Cu  /* its restart point (saved.pc) */
#define REFHV_KUSER_MEMORY_BARRIER 0xFFFF0FA0u
#define REFHV_KUSER_CMPXCHG 0xFFFF0FC0u          /* also its restart point */
#define REFHV_KUSER_GET_TLS 0xFFFF0FE0u
#define REFHV_KUSER_TLS_WORD 0xFFFF0FF0u         /* read-only: REFHV_HC_SET_TLS */
#define REFHV_KUSER_VERSION_WORD 0xFFFF0FFCu
#define REFHV_KUSER_VERSION 5u                   /* helpers provided */

/* REFHV_HC_MMU_PIN's first argument (the values of enum pv_mmu_table);
 * anything else: PV_EINVAL. FINE: ARMv5 only. */
#define REFHV_PIN_L1 1u   /* a 16 KiB L1, 16 KiB aligned */
#define REFHV_PIN_L2 2u   /* a 4 KiB frame of four 1 KiB coarse tables */
#define REFHV_PIN_FINE 3u /* a 4 KiB fine table */

/* ARM domains of the guest's mappings (the DACR the hypervisor loads). */
#define REFHV_ARMDOM_HYP 0u        /* the hypervisor's: no guest entry may use it */
#define REFHV_ARMDOM_GUEST_KERN 1u /* guest kernel: accessible in virtual kernel mode only */
#define REFHV_ARMDOM_GUEST_USER 2u /* guest user: accessible in both virtual modes */

/* Virtual interrupts the reference hypervisor raises. */
#define REFHV_VIRQ_TIMER 0u       /* PV_EVTCHN_VIRQ_TIMER: set_timer expired */
#define REFHV_VIRQ_DOM_FAULT 8u   /* to the controlling domain: a domain faulted */

/* Kinds of virtual exception (r0 at the exception entry). */
enum refhv_exc {
	REFHV_EXC_UPCALL = 0,  /* events pending (the event entry is used) */
	REFHV_EXC_SYSCALL = 1, /* SVC from virtual user mode */
	REFHV_EXC_UND = 2,     /* undefined instruction */
	REFHV_EXC_PABT = 3,    /* prefetch abort: far = faulting pc */
	REFHV_EXC_DABT = 4,    /* data abort: fsr/far from the MMU */
};

/* The fsr's write bit: set by ARMv6 and later MMUs on a write fault, and
 * by the hypervisor on a fault at a kuser helper's store (ABI version 7,
 * see above). */
#define REFHV_FSR_WNR (1u << 11)

/* REFHV_HC_SET_CALLBACKS's flags (ABI versions 5 and 8, see above). */
#define REFHV_CB_REENTRANT 0x1u /* the vcpu area's busy word says when it is free */
#define REFHV_CB_SYSCALL_REGS 0x2u /* r4: the system-call entry (registers in place) */
#define REFHV_CB_FLAGS (REFHV_CB_REENTRANT | REFHV_CB_SYSCALL_REGS)

#define REFHV_VMODE_USER 0u
#define REFHV_VMODE_KERNEL 1u

/*
 * Per-vcpu exception area, in the shared page at REFHV_VCPU_OFFSET. On a
 * virtual exception or upcall the hypervisor stores the interrupted frame
 * and virtual mode here and enters the guest kernel's entry point in
 * virtual kernel mode with upcalls masked; REFHV_HC_IRET resumes whatever
 * frame and mode the guest left here (the cpsr is sanitised to USR mode;
 * the instruction set as described at the top of this file).
 */
struct refhv_vcpu {
	struct pv_trap_frame saved;
	uint32_t saved_vmode; /* REFHV_VMODE_* */
	uint32_t kind;        /* enum refhv_exc */
	uint32_t fsr;         /* data abort: fault status (ARM ARM B4.6) */
	uint32_t far;         /* fault address */
	uint32_t busy;        /* REFHV_CB_REENTRANT: 1 until the guest has taken
				 the frame (ABI version 5) */
};
_Static_assert(sizeof(struct refhv_vcpu) == PV_TRAP_FRAME_SIZE + 20, "vcpu area size");
_Static_assert(offsetof(struct refhv_vcpu, saved_vmode) == 68, "vcpu saved_vmode");
_Static_assert(offsetof(struct refhv_vcpu, busy) == 84, "vcpu busy");

/*
 * Guest address-space layout, the same for every domain. A domain owns
 * REFHV_GUEST_FRAMES contiguous machine frames; frame i is mapped at
 * REFHV_KERN_VA + i * 4 KiB (ARM domain 1, guest kernel) for the kernel
 * frames, and the last REFHV_USER_FRAMES frames at REFHV_USER_VA (ARM domain
 * 2, guest user). Slots REFHV_FREE_SLOT.. of the kernel L2 table are free
 * for the guest's own mappings (for instance a granted ring page).
 */
#define REFHV_GUEST_FRAMES 256u
#define REFHV_USER_FRAMES 16u
#define REFHV_KERN_VA 0x00100000u
#define REFHV_USER_VA 0x00200000u
#define REFHV_FREE_SLOT (REFHV_GUEST_FRAMES - REFHV_USER_FRAMES)
#define REFHV_FRAME_START_INFO 0u /* read-only */
#define REFHV_FRAME_SHARED 1u     /* event channels + vcpu area */
#define REFHV_FRAME_RING 2u       /* the channel page this domain offers */
#define REFHV_FRAME_L1 4u         /* 4 frames, 16 KiB aligned, read-only */
#define REFHV_FRAME_L2 8u         /* four coarse tables, read-only */
#define REFHV_FRAME_IMAGE 16u     /* the kernel image starts here */
#define REFHV_L2_KERN 0u          /* coarse table index within the L2 frame */
#define REFHV_L2_USER 1u
#define REFHV_VCPU_OFFSET 0x800u  /* in the shared page */
#define REFHV_KERN_STACK_TOP (REFHV_KERN_VA + REFHV_FREE_SLOT * 4096u)

#define REFHV_START_MAGIC 0x50565349u /* "PVSI" */
#define REFHV_SI_CONTROLLER 0x1u      /* this domain is the controlling domain */
/* The bench image (tools/demo --bench): the guests may run their
 * benchmarks, and REFHV_BENCH_BARE_SVC is a bare trap. Never set otherwise. */
#define REFHV_SI_BENCH 0x2u
#define REFHV_BENCH_BARE_SVC 0xBA5Eu  /* r12 of the bench image's bare trap */

/* The start-info page: all a guest learns about the machine. */
#define REFHV_CMDLINE_MAX 128u /* bytes of start info's cmdline, its NUL included */

struct refhv_start_info {
	uint32_t magic;
	uint32_t abi_version;  /* REFHV_ABI_VERSION */
	uint16_t domid;
	uint16_t flags;        /* REFHV_SI_* */
	uint32_t cpu_id;       /* MIDR of the physical CPU */
	uint32_t mem_ma;       /* machine address of frame 0 */
	uint32_t nr_frames;
	uint32_t l1_ma;        /* the active L1 (pinned by the builder) */
	uint32_t l2_ma;        /* the frame of the builder's coarse tables */
	uint32_t shared_va;
	/* The configured channel: a ring page plus an event-channel port. */
	uint16_t ring_peer;    /* domid, 0xFFFF if none */
	uint16_t ring_owner;   /* 1: the ring page is ours (granted to the peer) */
	uint32_t ring_ma;      /* machine address of the ring page */
	uint32_t ring_port;    /* our end of the channel */
	uint32_t ctrl_port;    /* channel to the controlling domain, 0 if none */
	uint32_t mmu_format;   /* PV_MMU_ABI_FMT_V5 or _V7: how to write descriptors */
	/* The domain's first device (REFHV_NO_DEVICE if none): its registers,
	 * to map as device memory, and its interrupt line, to bind. */
	uint32_t dev_ma;       /* machine address of its register page */
	uint32_t dev_irq;      /* its line (REFHV_EVT_BIND_PIRQ), or REFHV_NO_DEVICE */
	uint64_t time_base_ns; /* hypervisor time when the domain was built */
	char name[16];
	/* Since ABI version 7: the kernel command line the configuration
	 * gives the domain (Linux's, say), NUL-terminated, "" if none. */
	char cmdline[REFHV_CMDLINE_MAX];
};
#define REFHV_NO_DEVICE 0xFFFFFFFFu
_Static_assert(sizeof(struct refhv_start_info) == 88 + REFHV_CMDLINE_MAX, "start info size");
_Static_assert(offsetof(struct refhv_start_info, cmdline) == 88, "start info command line");
_Static_assert(offsetof(struct refhv_start_info, dev_ma) == 56, "start info device");
_Static_assert(offsetof(struct refhv_start_info, time_base_ns) == 64, "start info time");

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Linux as a para-virtualized guest of the pvlib reference hypervisor
 * (CONFIG_PVLIB_GUEST): the guest ABI as this kernel sees it.
 *
 * These are the facts of pvlib's examples/include/refhv_abi.h (hypercall
 * numbers, start-info page, calling convention) and refhv_linux.h (the
 * Linux domain's layout), restated here because the kernel is built
 * without pvlib's headers; pvlib's docs/linux.md describes both sides.
 *
 * Hypercall: "svc #0" with the number in r12, arguments in r0..r4, result
 * in r0 (>= 0 success, < 0 an error), made in virtual kernel mode (what
 * this kernel always is, outside its user processes).
 */
#ifndef __ASM_ARM_PVLIB_H
#define __ASM_ARM_PVLIB_H

/* refhv_linux.h: the linear map starts at PAGE_OFFSET; frame 0 start
 * info, frame 1 the shared page (event channels, vcpu area), frame 2 the
 * ring page, frames 4..7 the L1 (swapper_pg_dir). */
#define PVLIB_START_INFO_VA	0x80000000UL
#define PVLIB_SHARED_VA		0x80001000UL
#define PVLIB_RESERVED_FRAMES	8	/* below the kernel's text */
/* struct pv_evtchn_shared: vcpu[0] at +16, its upcall_pending at +0,
 * upcall_mask at +1 (pvlib/abi/evtchn.h). */
#define PVLIB_UPCALL_PENDING_VA	(PVLIB_SHARED_VA + 16)
#define PVLIB_UPCALL_MASK_VA	(PVLIB_SHARED_VA + 17)
#define PVLIB_PENDING_SEL_VA	(PVLIB_SHARED_VA + 20)	/* vcpu[0].pending_sel */

#define PVLIB_HC_CONSOLE_WRITE	0
#define PVLIB_HC_BLOCK		10
#define PVLIB_HC_SHUTDOWN	15
#define PVLIB_HC_NULL		17
#define PVLIB_CONSOLE_MAX	512	/* bytes per CONSOLE_WRITE */

#define PVLIB_START_MAGIC	0x50565349	/* "PVSI" */

/* Shutdown codes (the hypervisor prints them and fails its verdict on any
 * but 0). */
#define PVLIB_SHUTDOWN_POWEROFF	0
#define PVLIB_SHUTDOWN_PANIC	1
#define PVLIB_SHUTDOWN_BADINFO	2

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pvlib_start_info {
	u32 magic;
	u32 abi_version;
	u16 domid;
	u16 flags;
	u32 cpu_id;		/* MIDR of the physical CPU */
	u32 mem_ma;		/* machine address of frame 0 (PHYS_OFFSET) */
	u32 nr_frames;		/* all of the domain's frames */
	u32 l1_ma;		/* swapper_pg_dir */
	u32 l2_ma;		/* first frame of the hypervisor-built coarse
				   tables: the end of Linux's RAM */
	u32 shared_va;
	u16 ring_peer;
	u16 ring_owner;
	u32 ring_ma;
	u32 ring_port;
	u32 ctrl_port;
	u32 mmu_format;
	u32 dev_ma;
	u32 dev_irq;
	u64 time_base_ns;
	char name[16];
	char cmdline[128];	/* ABI 7: NUL-terminated, "" if none */
};

static inline long pvlib_hypercall3(unsigned long nr, unsigned long a0,
				    unsigned long a1, unsigned long a2)
{
	register unsigned long r0 asm("r0") = a0;
	register unsigned long r1 asm("r1") = a1;
	register unsigned long r2 asm("r2") = a2;
	register unsigned long r12 asm("r12") = nr;

	asm volatile("svc	#0	@ pvlib hypercall"
		     : "+r" (r0)
		     : "r" (r1), "r" (r2), "r" (r12)
		     : "memory", "cc");
	return (long)r0;
}

struct machine_desc;

extern const struct pvlib_start_info *pvlib_start_info;

void pvlib_early_setup(const struct pvlib_start_info *si);
void pvlib_early_console(void);
bool pvlib_console_write_raw(const char *s, unsigned long n);
const struct machine_desc *pvlib_setup_machine(void);
void pvlib_paging_init(const struct machine_desc *mdesc);
unsigned int pvlib_read_cpuid(unsigned int reg);
void pvlib_irq_pending(void);
void __noreturn pvlib_shutdown(unsigned int code);
#endif

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux as a para-virtualized guest of the pvlib reference hypervisor
 * (CONFIG_PVLIB_GUEST): the start-info page, the console over the
 * console hypercall, the machine (memory, CPU id) from the start info,
 * and shutdown. pvlib's docs/linux.md describes the port.
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/notifier.h>
#include <linux/pgtable.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <linux/string.h>

#include <asm/cputype.h>
#include <asm/mach/arch.h>
#include <asm/memory.h>
#include <asm/pvlib.h>
#include <asm/pvlib-entry.h>
#include <asm/sections.h>
#include <asm/setup.h>

/* Written by head-pvlib.S's call below, before start_kernel. */
const struct pvlib_start_info *pvlib_start_info __ro_after_init;

void __noreturn pvlib_shutdown(unsigned int code)
{
	for (;;)
		pvlib_hypercall3(PVLIB_HC_SHUTDOWN, code, 0, 0);
}

/* Upcalls were pending when the mask was cleared: any hypercall returns
 * through the hypervisor's delivery of pending upcalls. */
void pvlib_irq_pending(void)
{
	pvlib_hypercall3(PVLIB_HC_NULL, 0, 0, 0);
}

/*
 * The oldest guest ABI this kernel runs on (the start info's abi_version):
 * 5, the exception entry; 6, whole-cache flushes; 7, the write bit of a
 * fault at a kernel-user helper's store (pvlib-irq.c, pvlib_abort_fsr);
 * 8, system calls with the registers in place, iret from registers and the
 * time in registers (pvlib-entry.S, pvlib-time.c).
 */
#define PVLIB_ABI_VERSION_MIN	8

/*
 * Write n bytes to the hypervisor's console, in pieces it takes. False if
 * it refused one (an address outside the linear map, a length over the
 * limit: a bug of the caller), with the rest not written. The boot
 * console and the hvc driver (hvc_pvlib.c) both write through here.
 */
bool pvlib_console_write_raw(const char *s, unsigned long n)
{
	while (n) {
		unsigned long chunk = min_t(unsigned long, n, PVLIB_CONSOLE_MAX);
		long rc = pvlib_hypercall3(PVLIB_HC_CONSOLE_WRITE,
					   (unsigned long)s, chunk, 0);

		if (rc <= 0 || rc > (long)chunk)
			return false;
		s += rc;
		n -= rc;
	}
	return true;
}

static void pvlib_console_write(struct console *con, const char *s, unsigned int n)
{
	/* Nothing else to say a refusal on this early: dropped. */
	(void)pvlib_console_write_raw(s, n);
}

/*
 * The boot console: registered first thing in setup_arch(), so it replays
 * what printk buffered before (the banner). It stays until a real console
 * (the hvc driver of a later step) takes over.
 */
static struct console pvlib_boot_console = {
	.name	= "pvlibcon",
	.write	= pvlib_console_write,
	.flags	= CON_PRINTBUFFER | CON_BOOT,
	.index	= -1,
};

/* Called from head-pvlib.S with the MMU on (the hypervisor's tables),
 * on init_thread_union's stack, bss cleared, before start_kernel. */
void __init pvlib_early_setup(const struct pvlib_start_info *si)
{
	static const char bad[] = "pvlib: bad start info: not this kernel's layout\n";

	if (si->magic != PVLIB_START_MAGIC || si->abi_version < PVLIB_ABI_VERSION_MIN ||
	    (unsigned long)si != PVLIB_START_INFO_VA ||
	    si->shared_va != PVLIB_SHARED_VA || si->mem_ma != PHYS_OFFSET ||
	    si->l1_ma != __pa(swapper_pg_dir) || si->l2_ma <= __pa(_end) ||
	    si->l2_ma > si->mem_ma + (si->nr_frames << PAGE_SHIFT)) {
		(void)pvlib_console_write_raw(bad, sizeof(bad) - 1);
		pvlib_shutdown(PVLIB_SHUTDOWN_BADINFO);
	}
	pvlib_start_info = si;
	processor_id = si->cpu_id;
}

/* setup_arch(): the boot console first. */
void __init pvlib_early_console(void)
{
	register_console(&pvlib_boot_console);
}

/* The CPU's identification registers: the hypervisor's word for the main
 * id (an ARMv5 kernel reads no other: its cache type comes from the
 * architecture). */
unsigned int pvlib_read_cpuid(unsigned int reg)
{
	if (reg == CPUID_ID)
		return processor_id;
	pr_warn("pvlib: CPUID register %u read: no hypervisor value, 0\n", reg);
	return 0;
}

#ifdef CONFIG_CPU_V7
/*
 * ARMv7's feature registers (read_cpuid_ext, CPUID_EXT_*) are privileged
 * and the start info has only the main id. This kernel is built for
 * ARMv7 alone (CPU_V7), so the architecture they encode is known: the
 * memory model register says VMSAv7 (ID_MMFR0.VMSA = 3, what
 * cpu_architecture() tests); every other field reads 0, "not
 * implemented", which claims nothing the Cortex-A9 lacks (hardware divide,
 * LPAE: the optional features Linux looks for there).
 */
unsigned int pvlib_read_cpuid_ext(const char *reg)
{
	if (!strcmp(reg, CPUID_EXT_MMFR0))
		return 3;
	return 0;
}
#endif

/*
 * The configured ring (start info: a page of ours granted to the peer, one
 * event channel; the protocol of pvlib's examples/guest/ring.h): its first
 * words are the request and response sequence numbers, the operation and
 * the data's length. Powering off, Linux asks the server to quit, as the
 * demo's rich OS does before it ends: the server then unmaps the page,
 * and the hypervisor's destroy of this domain, deferred while another
 * domain maps one of its frames, completes. No answer is awaited (nothing
 * of Linux runs any more); the page stays valid until the server is done.
 */
#define PVLIB_EVT_SEND		2	/* REFHV_EVT_SEND */
#define PVLIB_RING_QUIT		5	/* ring.h's RING_QUIT */
#define PVLIB_NO_DOMAIN		0xffff

static void pvlib_ring_quit(void)
{
	const struct pvlib_start_info *si = pvlib_start_info;
	volatile u32 *ring;

	if (si->ring_peer == PVLIB_NO_DOMAIN || !si->ring_owner)
		return;
	ring = (volatile u32 *)__va(si->ring_ma);
	ring[2] = PVLIB_RING_QUIT;
	ring[3] = 0;
	ring[0] = ring[0] + 1;
	pvlib_hypercall3(PVLIB_HC_EVTCHN, PVLIB_EVT_SEND, si->ring_port, 0);
}

static void pvlib_power_off(void)
{
	pr_notice("pvlib: power off\n");
	pvlib_ring_quit();
	pvlib_shutdown(PVLIB_SHUTDOWN_POWEROFF);
}

static int pvlib_panic(struct notifier_block *nb, unsigned long ev, void *msg)
{
	pvlib_shutdown(PVLIB_SHUTDOWN_PANIC);
}

static struct notifier_block pvlib_panic_nb = {
	.notifier_call = pvlib_panic,
	.priority = INT_MIN, /* after every other notifier */
};

static void pvlib_restart(enum reboot_mode mode, const char *cmd)
{
	pr_notice("pvlib: restart: not supported, powering off\n");
	pvlib_shutdown(PVLIB_SHUTDOWN_POWEROFF);
}

/*
 * pvlib_halt=POINT: power off cleanly (the ring's server told to quit,
 * shutdown code 0) when the boot reaches POINT, saying so: "setup" (the
 * option parsed, in setup_arch), "irq" (init_IRQ), "time" (time_init),
 * "machine" (the arch initcalls: scheduler, threads, core initcalls
 * done), "late" (the late initcalls, just before the self-tests), "init"
 * (after the self-tests, where init would run; pvlib-time.c). A port
 * whose boot ends early (docs/linux.md, the Cortex-A9 port) is tested to
 * the last point it reaches, and still ends in the hypervisor's verdict.
 */
static const char *pvlib_halt_at __initdata;

void __init pvlib_halt_point(const char *point)
{
	if (!pvlib_halt_at || strcmp(pvlib_halt_at, point))
		return;
	pr_notice("pvlib: halted at %s (pvlib_halt)\n", point);
	pvlib_power_off();
}

static int __init pvlib_halt_param(char *arg)
{
	pvlib_halt_at = arg;
	pvlib_halt_point("setup");
	return 0;
}
early_param("pvlib_halt", pvlib_halt_param);

static void __init pvlib_machine_init_irq(void)
{
	pvlib_halt_point("irq");
	pvlib_init_irq();
}

static void __init pvlib_machine_init_time(void)
{
	pvlib_halt_point("time");
	pvlib_init_time();
}

static void __init pvlib_machine_init(void)
{
	pvlib_halt_point("machine");
}

static void __init pvlib_machine_init_late(void)
{
	pvlib_halt_point("late");
}

static const struct machine_desc pvlib_machine_desc __initconst = {
	.name		= "pvlib para-virtualized guest",
	.restart	= pvlib_restart,
	.init_irq	= pvlib_machine_init_irq,	/* pvlib-irq.c */
	.init_time	= pvlib_machine_init_time,	/* pvlib-time.c */
	.init_machine	= pvlib_machine_init,
	.init_late	= pvlib_machine_init_late,
};

/*
 * setup_arch() without a device tree: the memory is what the start info
 * says. Linux's RAM is [mem_ma, l2_ma); the frames below the kernel's
 * text (start info, shared page, ring page, swapper_pg_dir) are the
 * hypervisor's interface and stay reserved.
 */
const struct machine_desc * __init pvlib_setup_machine(void)
{
	const struct pvlib_start_info *si = pvlib_start_info;

	pr_info("pvlib: domain %u (%.16s), start info ABI %u, %u frames at 0x%08x\n",
		si->domid, si->name, si->abi_version, si->nr_frames, si->mem_ma);
	/* The command line is the configuration's (ABI 7); setup_arch
	 * parses it next. strscpy stops at the field's end whatever the
	 * page holds. */
	strscpy(boot_command_line, si->cmdline,
		min_t(size_t, COMMAND_LINE_SIZE, sizeof(si->cmdline)));
	arm_add_memory(si->mem_ma, si->l2_ma - si->mem_ma);
	memblock_reserve(si->mem_ma, PVLIB_RESERVED_FRAMES << PAGE_SHIFT);
	pm_power_off = pvlib_power_off;
	atomic_notifier_chain_register(&panic_notifier_list, &pvlib_panic_nb);
	return &pvlib_machine_desc;
}

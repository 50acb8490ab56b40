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

static void pvlib_console_write_raw(const char *s, unsigned int n)
{
	while (n) {
		unsigned int chunk = min_t(unsigned int, n, PVLIB_CONSOLE_MAX);
		long rc = pvlib_hypercall3(PVLIB_HC_CONSOLE_WRITE,
					   (unsigned long)s, chunk, 0);

		if (rc <= 0)
			return;
		s += rc;
		n -= rc;
	}
}

static void pvlib_console_write(struct console *con, const char *s, unsigned int n)
{
	pvlib_console_write_raw(s, n);
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
		pvlib_console_write_raw(bad, sizeof(bad) - 1);
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

static void pvlib_power_off(void)
{
	pr_notice("pvlib: power off\n");
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

static const struct machine_desc pvlib_machine_desc __initconst = {
	.name		= "pvlib para-virtualized guest",
	.restart	= pvlib_restart,
	.init_irq	= pvlib_init_irq,	/* pvlib-irq.c */
	.init_time	= pvlib_init_time,	/* pvlib-time.c */
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
	arm_add_memory(si->mem_ma, si->l2_ma - si->mem_ma);
	memblock_reserve(si->mem_ma, PVLIB_RESERVED_FRAMES << PAGE_SHIFT);
	pm_power_off = pvlib_power_off;
	atomic_notifier_chain_register(&panic_notifier_list, &pvlib_panic_nb);
	return &pvlib_machine_desc;
}

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reference hypervisor's Linux configuration (the hv-linux image,
 * docs/linux.md): the demo's secure domain and attacker, unchanged, with a
 * para-virtualized Linux kernel in the rich domain's place.
 *
 *   domain 0  secure    as in config.c: the key, the PIN, the timer23 device
 *   domain 1  linux     Debian's Linux 6.1 (guests/linux), 32 MiB at
 *                       +32 MiB, the Linux layout (refhv_linux.h);
 *                       controlling domain (trust: none)
 *   domain 2  attacker  as in config.c (built with REFHV_LINUX: the ring
 *                       it attacks is linux's): on a crash, stop and tell
 *                       linux
 *
 * Channels as in config.c: linux's ring page granted to secure, and the
 * attacker's control channel to linux. The run ends when no domain can run
 * any more: the secure domain then waits on its ring for the next request
 * of Linux's driver (drivers/misc/pvsecure.c), which a parked Linux never
 * sends (idle_end).
 */
#include "config_common.h"

/* Linux's command line (the start info's, guest ABI 7): none for the
 * system test; the benchmark image (hv-linux-bench.elf) runs /bench as
 * init instead of the session, and skips the kernel's self-tests. */
#ifndef REFHV_LINUX_CMDLINE
#define REFHV_LINUX_CMDLINE ""
#endif

static const struct hv_dom_cfg doms[] = {
	{ .name = "secure", .id = 0, .mem_base = REFHV_DOM_MEM(0), .mem_size = 1u << 20,
	  .image = HV_IMAGE_SECURE, .sched_weight = 512, .sched_cap = 0,
	  .hypercalls = HC_BASE, .on_fault = HV_FAULT_STOP,
	  .trust = HV_TRUST_SECRET, .assets = "the PIN and MAC key; the timer23 device" },
	{ .name = "linux", .id = 1, .mem_base = REFHV_LINUX_MEM, .mem_size = REFHV_LINUX_SIZE,
	  .kind = HV_KIND_LINUX, .image = HV_IMAGE_LINUX, .sched_weight = 256, .sched_cap = 0,
	  .hypercalls = HC_BASE | HC(REFHV_HC_GRANT) | HC(REFHV_HC_GRANT_REVOKE) |
			HC(REFHV_HC_SWITCH_FG),
	  .on_fault = HV_FAULT_STOP, .controller = true, .trust = HV_TRUST_NONE,
	  .cmdline = REFHV_LINUX_CMDLINE },
	{ .name = "attacker", .id = 2, .mem_base = REFHV_DOM_MEM(2), .mem_size = 1u << 20,
	  .image = HV_IMAGE_ATTACKER, .sched_weight = 256, .sched_cap = 0,
	  .hypercalls = HC_BASE | HC(REFHV_HC_GRANT) | HC(REFHV_HC_GRANT_REVOKE),
	  .on_fault = HV_FAULT_NOTIFY, .trust = HV_TRUST_NONE },
};

static const struct hv_chan_cfg chans[] = {
	{ .a = 1, .b = 0, .ring = true },  /* linux's ring, served by secure */
	{ .a = 2, .b = 1, .ring = false }, /* attacker -> linux control channel */
};

const struct hv_config hv_config = {
	HV_CONFIG_BOARD,
	.slice_ns = 1000000u,
	.doms = doms,
	.nr_doms = sizeof doms / sizeof doms[0],
	.chans = chans,
	.nr_chans = sizeof chans / sizeof chans[0],
	.irqs = 0,
	.nr_irqs = 0,
	.idle_end = true,
};

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the reference hypervisor's configurations (config.c, the demo's;
 * config_linux.c, the Linux one) share: the hypercalls every guest kernel
 * needs (HC_BASE), the board's spare timer block as the secure domain's
 * device, the hypervisor's own devices and interrupt lines
 * (HV_CONFIG_BOARD, the board's part of a struct hv_config), and the
 * hypercall classes the checker enforces, the secure domain, the attacker
 * and their channels. Definitions, not declarations:
 * included by the one configuration file an image is built with.
 */
#ifndef REFHV_CONFIG_COMMON_H
#define REFHV_CONFIG_COMMON_H

#include "config.h"

#include "refhv_abi.h"
#include "refhv_layout.h"

#define HC(n) (UINT64_C(1) << (n))

/* What every guest kernel needs. */
#define HC_BASE (HC(REFHV_HC_CONSOLE_WRITE) | HC(REFHV_HC_MMU_UPDATE) |            \
		 HC(REFHV_HC_MMU_PIN) | HC(REFHV_HC_MMU_UNPIN) |                    \
		 HC(REFHV_HC_MMU_SWITCH_BASE) | HC(REFHV_HC_EVTCHN) |               \
		 HC(REFHV_HC_SET_CALLBACKS) | HC(REFHV_HC_YIELD) | HC(REFHV_HC_BLOCK) | \
		 HC(REFHV_HC_GET_TIME) | HC(REFHV_HC_SET_TIMER) | HC(REFHV_HC_IRET) |  \
		 HC(REFHV_HC_SHUTDOWN) | HC(REFHV_HC_MULTICALL) | HC(REFHV_HC_NULL) |    \
		 HC(REFHV_HC_MMU_MAINT) | HC(REFHV_HC_SET_TLS))
/* Guest ABI 8's two calls, for the kernels that use them (rich, Linux);
 * the secure domain and the attacker are refused them. (set_callbacks'
 * REFHV_CB_SYSCALL_REGS is open to every domain: it changes only how the
 * domain's own system calls arrive.) */
#define HC_ABI8 (HC(REFHV_HC_IRET_REGS) | HC(REFHV_HC_GET_TIME_REGS))

#ifdef BOARD_TIMER23_PA /* optional: a board may have no spare timer */
static const struct hv_dev_cfg devs[] = {
	{ .name = "timer23", .base = BOARD_TIMER23_PA, .size = 0x1000u,
	  .irq = BOARD_IRQ_TIMER23, .dom = 0, .dma = false },
};
#define DEVS devs
#define NR_DEVS (sizeof devs / sizeof devs[0])
#else
#define DEVS 0
#define NR_DEVS 0u
#endif

/* The hypervisor's own devices, and their lines: console, time base and
 * event timer, interrupt controller. */
static const struct hv_io_cfg hyp_io[] = {
	{ BOARD_UART0_PA, 0x1000u },
	{ BOARD_TIMER01_PA, 0x1000u },
	{ BOARD_INTC_PA, BOARD_INTC_SIZE },
};
static const uint32_t reserved_irqs[] = { BOARD_IRQ_TIMER01, BOARD_IRQ_UART0 };

/* The board's part of a struct hv_config initialiser: RAM, the memory the
 * hypervisor keeps, the interrupt lines, the devices. */
#define HV_CONFIG_BOARD                                                     \
	.ram_base = BOARD_RAM_PA,                                           \
	.ram_size = BOARD_RAM_SIZE,                                         \
	.hyp_base = BOARD_RAM_PA,                                           \
	.hyp_size = REFHV_HYP_SIZE,                                         \
	.irq_lines = BOARD_IRQ_LINES,                                       \
	.reserved_irqs = reserved_irqs,                                     \
	.nr_reserved_irqs = sizeof reserved_irqs / sizeof reserved_irqs[0], \
	.devs = DEVS,                                                       \
	.nr_devs = NR_DEVS,                                                 \
	.hyp_io = hyp_io,                                                   \
	.nr_hyp_io = sizeof hyp_io / sizeof hyp_io[0]

/*
 * What every configuration has around its rich OS (domain 1): the secure
 * domain (0), the attacker (2), whose reaction to a crash each
 * configuration chooses, and their channels: the rich domain's ring page,
 * served by secure, and the attacker's control channel to the rich domain
 * (never to secure).
 */
#define HV_DOM_SECURE                                                                   \
	{ .name = "secure", .id = 0, .mem_base = REFHV_DOM_MEM(0), .mem_size = 1u << 20,  \
	  .image = HV_IMAGE_SECURE, .sched_weight = 512, .sched_cap = 0,                  \
	  .hypercalls = HC_BASE, .on_fault = HV_FAULT_STOP,                              \
	  .trust = HV_TRUST_SECRET, .assets = "the PIN and MAC key; the timer23 device" }
#define HV_DOM_ATTACKER(fault)                                                          \
	{ .name = "attacker", .id = 2, .mem_base = REFHV_DOM_MEM(2), .mem_size = 1u << 20, \
	  .image = HV_IMAGE_ATTACKER, .sched_weight = 256, .sched_cap = 0,                \
	  .hypercalls = HC_BASE | HC(REFHV_HC_GRANT) | HC(REFHV_HC_GRANT_REVOKE),          \
	  .on_fault = (fault), .trust = HV_TRUST_NONE }

static const struct hv_chan_cfg chans[] = {
	{ .a = 1, .b = 0, .ring = true },  /* the rich domain's ring, served by secure */
	{ .a = 2, .b = 1, .ring = false }, /* attacker -> rich domain control channel */
};

const uint64_t hv_controller_only_hypercalls = HC(REFHV_HC_SWITCH_FG);
const uint64_t hv_sharing_hypercalls = HC(REFHV_HC_GRANT);
const uint32_t hv_hypercall_count = REFHV_HC_COUNT;

#endif

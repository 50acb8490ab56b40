/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the reference configuration puts things in machine memory, on the
 * board this build is for (board.h). Public knowledge: the attacker guest
 * uses it too, which is the worst case for isolation.
 */
#ifndef REFHV_LAYOUT_H
#define REFHV_LAYOUT_H

#include "board.h"

/* The hypervisor keeps the first 16 MiB of RAM (its image at +64 KiB). */
#define REFHV_HYP_SIZE (16u << 20)
#define REFHV_HYP_IMAGE_MA (BOARD_RAM_PA + 0x10000u)
/* Domain i's 1 MiB. */
#define REFHV_DOM_MEM(i) (BOARD_RAM_PA + REFHV_HYP_SIZE + (uint32_t)(i) * (1u << 20))
/* The Linux configuration's Linux domain (hv/config_linux.c): 32 MiB at
 * +32 MiB, clear of the small domains' megabytes (its kernel is built for
 * this base: guests/linux/config's CONFIG_PHYS_OFFSET). */
#define REFHV_LINUX_MEM (BOARD_RAM_PA + (32u << 20))
#define REFHV_LINUX_SIZE (32u << 20)

#endif

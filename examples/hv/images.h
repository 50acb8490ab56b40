/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest images linked into the hypervisor. examples/bin2obj.sh turns
 * each guest's flat binary into an object that defines hv_image_NAME_start
 * and hv_image_NAME_end around its bytes; the domain builder (build.c)
 * copies them into the domains. The Linux kernel is linked in only by the
 * hv-linux build (REFHV_LINUX).
 */
#ifndef REFHV_IMAGES_H
#define REFHV_IMAGES_H

#include <stdint.h>

extern const uint8_t hv_image_secure_start[], hv_image_secure_end[];
extern const uint8_t hv_image_rich_start[], hv_image_rich_end[];
extern const uint8_t hv_image_attacker_start[], hv_image_attacker_end[];
#ifdef REFHV_LINUX
extern const uint8_t hv_image_linux_start[], hv_image_linux_end[];
#endif

#endif

/* SPDX-License-Identifier: BSD-2-Clause */
/* The guest images, linked into the hypervisor's read-only data. */
	.section .guest_images, "a"
	.balign 4096
	.global hv_image_secure_start, hv_image_secure_end
hv_image_secure_start:
	.incbin SECURE_BIN
hv_image_secure_end:
	.balign 4096
	.global hv_image_rich_start, hv_image_rich_end
hv_image_rich_start:
	.incbin RICH_BIN
hv_image_rich_end:
	.balign 4096
	.global hv_image_attacker_start, hv_image_attacker_end
hv_image_attacker_start:
	.incbin ATTACKER_BIN
hv_image_attacker_end:

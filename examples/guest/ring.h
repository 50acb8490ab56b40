/* SPDX-License-Identifier: BSD-2-Clause */
/* The request ring between rich (client, owns the page) and secure (server):
 * one request slot, sequence numbers, an event channel each way. */
#ifndef GUEST_RING_H
#define GUEST_RING_H

#include <stdint.h>

enum ring_op {
	RING_PIN_CHECK = 1, /* data: the PIN digits -> status PV_OK or PV_EACCES */
	RING_MAC = 2,       /* data: message -> out: 8-byte SipHash-2-4 tag */
	RING_GET_KEY = 3,   /* always refused: PV_EPERM */
	RING_PING = 4,      /* answered at once (benchmark) */
	RING_QUIT = 5,      /* the server shuts down */
};

struct ring {
	volatile uint32_t req_seq; /* written by the client */
	volatile uint32_t rsp_seq; /* written by the server */
	uint32_t op;
	uint32_t len;
	uint8_t data[128];
	int32_t status;
	uint32_t out_len;
	uint8_t out[16];
};

#endif

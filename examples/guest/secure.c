/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure domain: owns a key and a PIN, answers requests on the ring
 * page the rich domain granted it, and never lets either out.
 */
#include "glib.h"
#include "ring.h"

static const uint8_t key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
				 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
static const char pin[] = "4321";
static uint32_t pin_failures;

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                           \
	do {                                                               \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                     \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                     \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
	} while (0)

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < 8u; i++)
		v |= (uint64_t)p[i] << (8u * i);
	return v;
}

/* SipHash-2-4 (Aumasson and Bernstein), a keyed MAC. */
static uint64_t siphash(const uint8_t *m, uint32_t len)
{
	uint64_t k0 = le64(key), k1 = le64(key + 8);
	uint64_t v0 = 0x736f6d6570736575ull ^ k0, v1 = 0x646f72616e646f6dull ^ k1;
	uint64_t v2 = 0x6c7967656e657261ull ^ k0, v3 = 0x7465646279746573ull ^ k1;
	uint32_t i = 0;
	for (; i + 8u <= len; i += 8u) {
		uint64_t w = le64(m + i);
		v3 ^= w;
		SIPROUND;
		SIPROUND;
		v0 ^= w;
	}
	uint64_t b = (uint64_t)len << 56;
	for (uint32_t j = 0; i + j < len; j++)
		b |= (uint64_t)m[i + j] << (8u * j);
	v3 ^= b;
	SIPROUND;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* One request, copied out of the ring before anything looks at it: the
 * client can rewrite the shared page at any moment, so every check and
 * every use must read the same private copy (no double fetch). */
struct request {
	uint32_t op;
	uint32_t len;
	uint8_t data[sizeof((struct ring *)0)->data];
};

static void fetch_request(const struct ring *r, struct request *q)
{
	const volatile struct ring *v = r;
	q->op = v->op;
	uint32_t len = v->len;
	q->len = len < sizeof q->data ? len : (uint32_t)sizeof q->data;
	for (uint32_t i = 0; i < q->len; i++)
		q->data[i] = v->data[i];
}

static bool handle(struct ring *r)
{
	struct request q;
	fetch_request(r, &q);
	uint32_t len = q.len;
	r->out_len = 0;
	switch (q.op) {
	case RING_PIN_CHECK: {
		bool ok = pin_failures < 3u && len == sizeof pin - 1u;
		for (uint32_t i = 0; ok && i < len; i++)
			ok = q.data[i] == (uint8_t)pin[i];
		if (!ok)
			pin_failures++;
		r->status = ok ? PV_OK : PV_EACCES;
		gprintf("PIN check: %s\n", ok ? "correct" : "wrong");
		break;
	}
	case RING_MAC: {
		uint64_t tag = siphash(q.data, len);
		for (unsigned i = 0; i < 8u; i++)
			r->out[i] = (uint8_t)(tag >> (8u * i));
		r->out_len = 8;
		r->status = PV_OK;
		gprintf("MAC of a %u-byte message computed\n", len);
		break;
	}
	case RING_GET_KEY:
		r->status = PV_EPERM;
		gputs("request for the key refused\n");
		break;
	case RING_PING:
		r->status = PV_OK;
		break;
	case RING_QUIT:
		r->status = PV_OK;
		return false;
	default:
		r->status = PV_ENOSYS;
	}
	return true;
}

/* The board's second SP804 timer block is ours (the configuration's
 * device): its registers mapped as device memory, its line routed to us
 * and bound to an event channel. Three one-shot interrupts, each cleared
 * at the device and then ended with the hypervisor, which keeps the line
 * masked in between (ARM SP804 TRM, DDI 0271: Timer1Load, Control,
 * IntClr, MIS). */
#define DEV_SLOT (REFHV_FREE_SLOT + 2u)
#define SP804_LOAD 0u
#define SP804_CTRL 2u
#define SP804_INTCLR 3u
#define SP804_MIS 5u
#define SP804_ONESHOT_IRQ 0xA3u /* enable, interrupt, 32-bit, one shot */

static void device_demo(void)
{
	if (g_si->dev_ma == REFHV_NO_DEVICE || g_si->dev_irq == REFHV_NO_DEVICE) {
		gputs("no device\n");
		return;
	}
	int32_t rc = map_device(DEV_SLOT, g_si->dev_ma);
	EXPECT(rc == PV_OK, "mapping my device: %s\n", status_name(rc));
	int32_t port = HC2(REFHV_HC_EVTCHN, REFHV_EVT_BIND_PIRQ, g_si->dev_irq);
	EXPECT(port > 0 && port < 32, "binding my device's line: %s\n", status_name(port));
	if (rc != PV_OK || port <= 0 || port >= 32)
		return;
	volatile uint32_t *t = (volatile uint32_t *)slot_va(DEV_SLOT);
	uint32_t got = 0;
	for (uint32_t i = 0; i < 3u; i++) {
		t[SP804_CTRL] = 0;
		t[SP804_INTCLR] = 1;
		t[SP804_LOAD] = 500; /* 500 us at 1 MHz */
		t[SP804_CTRL] = SP804_ONESHOT_IRQ;
		uint32_t fired = evt_wait(1u << port);
		if ((fired & (1u << port)) && (t[SP804_MIS] & 1u))
			got++;
		t[SP804_INTCLR] = 1; /* the device drops its line ... */
		rc = HC2(REFHV_HC_EVTCHN, REFHV_EVT_PIRQ_EOI, g_si->dev_irq); /* ... then unmask */
		EXPECT(rc == PV_OK, "ending my device's interrupt: %s\n", status_name(rc));
	}
	t[SP804_CTRL] = 0;
	gprintf("device: %u of 3 timer interrupts arrived as events on port %u, each cleared and "
		"ended\n", got, (uint32_t)port);
	EXPECT(got == 3u, "device interrupts lost\n");
}

void guest_main(void)
{
	gprintf("up: domain %u, key held, serving domain %u on port %u\n", (uint32_t)g_si->domid,
		(uint32_t)g_si->ring_peer, g_si->ring_port);
	/* Map the page the client granted us, as any other mapping: checked. */
	int32_t rc = map_slot(REFHV_FREE_SLOT, g_si->ring_ma, true);
	EXPECT(rc == PV_OK, "mapping the granted ring: %s\n", status_name(rc));
	struct ring *r = (struct ring *)slot_va(REFHV_FREE_SLOT);
	evt_enable();
	device_demo();
	uint32_t port = 1u << g_si->ring_port;
	uint32_t served = 0;
	for (bool run = true; run;) {
		evt_wait(port);
		while (run && r->req_seq != r->rsp_seq) {
			run = handle(r);
			served++;
			r->rsp_seq = r->req_seq;
			(void)evt_send(g_si->ring_port);
		}
	}
	gprintf("served %u requests; quitting\n", served);
}

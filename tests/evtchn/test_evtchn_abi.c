/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Both delivery ABIs end to end: the hypervisor side marks events pending,
 * the guest-side helpers of include/pvlib/abi/evtchn_guest.h consume them.
 * Then the guest turns hostile and scribbles on its own shared memory: the
 * hypervisor must stay in bounds and other domains must not notice.
 */
#include <stdlib.h>

#include "evtchn_fixture.h"

static struct fx *F;

/* dom 0: 2-level, dom 1: FIFO, dom 2: 2-level, dom 3: FIFO, 1024 ports each. */
static int setup(void **state)
{
	(void)state;
	F = calloc(1, sizeof *F);
	fx_init(F);
	F->allow[3] = (struct pv_evtchn_pair){ pv_domid(1), pv_domid(3) };
	F->allow[4] = (struct pv_evtchn_pair){ pv_domid(0), pv_domid(0) };
	F->allow[5] = (struct pv_evtchn_pair){ pv_domid(1), pv_domid(1) };
	F->ctx.nr_allow = 6; /* widen the policy in place (a private field) */
	fx_add(F, 0, PV_EVTCHN_ABI_2L, FX_PORTS);
	fx_add(F, 1, PV_EVTCHN_ABI_FIFO, FX_PORTS);
	fx_add(F, 2, PV_EVTCHN_ABI_2L, FX_PORTS);
	fx_add(F, 3, PV_EVTCHN_ABI_FIFO, FX_PORTS);
	return 0;
}
static int teardown(void **state)
{
	(void)state;
	fx_audit(F);
	free(F);
	return 0;
}

static uint32_t ipi(uint16_t dom, uint32_t vcpu)
{
	uint32_t p;
	assert_int_equal(pv_evtchn_bind_ipi(&F->ctx, pv_domid(dom), vcpu, &p), PV_OK);
	return p;
}
static void send(uint16_t dom, uint32_t p)
{
	assert_int_equal(pv_evtchn_send(&F->ctx, pv_domid(dom), p), PV_OK);
}
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Every bound port, sent once, is consumed exactly once, on both ABIs. */
static void consume_all(uint16_t dom)
{
	uint32_t ports[300];
	for (unsigned i = 0; i < 300; i++)
		ports[i] = ipi(dom, 0);
	/* send in a scrambled order, some twice */
	for (unsigned i = 0; i < 300; i++)
		send(dom, ports[(i * 7u) % 300u]);
	for (unsigned i = 0; i < 300; i += 3)
		send(dom, ports[i]);
	assert_true(F->shared[dom].vcpu[0].upcall_pending);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, dom, 0, 10000), 300);
	assert_false(F->shared[dom].vcpu[0].upcall_pending);
	qsort(F->got, 300, sizeof F->got[0], cmp_u32);
	for (unsigned i = 0; i < 300; i++)
		assert_int_equal(F->got[i], ports[i]);
	for (unsigned i = 0; i < 300; i++)
		assert_false(fx_pending(F, dom, ports[i]));
	/* nothing left, and a new round works the same */
	assert_int_equal(fx_consume(F, dom, 0, 10000), 0);
	send(dom, ports[299]);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, dom, 0, 10000), 1);
	assert_int_equal(F->got[0], ports[299]);
}
static void test_2l_consume_all(void **state)
{
	(void)state;
	consume_all(0);
	for (unsigned w = 0; w < PV_EVTCHN_2L_WORDS; w++)
		assert_int_equal(F->shared[0].pending[w], 0);
	assert_int_equal(F->shared[0].vcpu[0].pending_sel, 0);
}
static void test_fifo_consume_all(void **state)
{
	(void)state;
	consume_all(1);
	assert_int_equal(F->ctrl[1][0].ready, 0);
}

/* Stopping early leaves the rest for the next call and asks to be called. */
static void bounded_consume(uint16_t dom)
{
	uint32_t p[5];
	for (unsigned i = 0; i < 5; i++)
		send(dom, p[i] = ipi(dom, 0));
	F->ngot = 0;
	assert_int_equal(fx_consume(F, dom, 0, 2), 2);
	assert_true(F->shared[dom].vcpu[0].upcall_pending);
	assert_int_equal(fx_consume(F, dom, 0, 2), 2);
	assert_int_equal(fx_consume(F, dom, 0, 2), 1);
	assert_int_equal(F->ngot, 5);
	assert_false(F->shared[dom].vcpu[0].upcall_pending);
}
static void test_2l_bounded_consume(void **state)
{
	(void)state;
	bounded_consume(0);
}
static void test_fifo_bounded_consume(void **state)
{
	(void)state;
	bounded_consume(1);
}

/* Ports in the same FIFO queue come out in send order; urgent queues first. */
static void test_fifo_order_and_priority(void **state)
{
	(void)state;
	uint32_t lo[4], hi[2];
	for (unsigned i = 0; i < 4; i++)
		lo[i] = ipi(1, 0);
	for (unsigned i = 0; i < 2; i++) {
		hi[i] = ipi(1, 0);
		assert_int_equal(pv_evtchn_set_priority(&F->ctx, pv_domid(1), hi[i], 2), PV_OK);
	}
	send(1, lo[2]);
	send(1, lo[0]);
	send(1, hi[1]);
	send(1, lo[3]);
	send(1, hi[0]);
	send(1, lo[1]);
	assert_int_equal(F->ctrl[1][0].ready, (1u << 2) | (1u << PV_EVTCHN_FIFO_PRIORITY_DEFAULT));
	assert_int_equal(F->ctrl[1][0].head[2], hi[1]);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 100), 6);
	uint32_t want[6] = { hi[1], hi[0], lo[2], lo[0], lo[3], lo[1] };
	assert_memory_equal(F->got, want, sizeof want);
	assert_int_equal(F->upcalls[1][0], 1); /* one upcall for the whole batch */
}

/* The hypervisor runs in the middle of the guest's consume loop. */
static uint32_t interleave_port;
static void interleave_handler(void *arg, uint32_t port)
{
	struct fx *f = arg;
	fx_handler(arg, port);
	if (f->ngot <= 3)
		assert_int_equal(pv_evtchn_send(&f->ctx, pv_domid(1), interleave_port), PV_OK);
}
static void test_fifo_send_during_consume(void **state)
{
	(void)state;
	uint32_t a = ipi(1, 0), b = ipi(1, 0);
	interleave_port = b;
	send(1, a);
	F->ngot = 0;
	/* b is sent after a is popped, re-sent after b itself is popped, ... */
	uint32_t n = pv_evtchn_guest_fifo_consume(&F->shared[1].vcpu[0], &F->ctrl[1][0], F->words[1],
						  FX_PORTS, &F->gst[1][0], interleave_handler, F, 100);
	n += fx_consume(F, 1, 0, 100);
	assert_int_equal(n, 4);
	assert_int_equal(F->got[0], a);
	for (unsigned i = 1; i < 4; i++)
		assert_int_equal(F->got[i], b);
	assert_false(fx_pending(F, 1, b));
}

/* A port that moved queue must not drag the old queue's next event along. */
static void test_fifo_requeue_after_priority_change(void **state)
{
	(void)state;
	uint32_t a = ipi(1, 0), b = ipi(1, 0);
	send(1, a);
	assert_int_equal(fx_consume(F, 1, 0, 10), 1);
	assert_int_equal(pv_evtchn_set_priority(&F->ctx, pv_domid(1), a, 1), PV_OK);
	send(1, a); /* now on queue 1, still the recorded tail of queue 7 */
	send(1, b); /* queue 7 is empty: b must be its head, not linked after a */
	assert_int_equal(F->ctrl[1][0].head[PV_EVTCHN_FIFO_PRIORITY_DEFAULT], b);
	assert_int_equal(F->words[1][a] & PV_EVTCHN_FIFO_LINK_MASK, 0);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 10), 2);
	assert_int_equal(F->got[0], a);
	assert_int_equal(F->got[1], b);
	/* and to another vcpu (an interdomain port may move; an IPI may not) */
	uint32_t x, y;
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(1), &x), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(3), x, &y), PV_OK);
	send(3, x);
	assert_int_equal(fx_consume(F, 1, 0, 10), 1);
	assert_int_equal(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(1), y, 1), PV_OK);
	send(3, x); /* y moves to vcpu 1's queue */
	send(1, a);
	send(1, b); /* vcpu 0, queue 7: empty again */
	assert_int_equal(F->ctrl[1][0].head[PV_EVTCHN_FIFO_PRIORITY_DEFAULT], b);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 1, 10), 1);
	assert_int_equal(F->got[0], y);
	assert_int_equal(fx_consume(F, 1, 0, 10), 2);
	assert_int_equal(F->got[1], a);
	assert_int_equal(F->got[2], b);
}

/*
 * bind_vcpu or set_priority on a port that is pending and still linked: that
 * event comes out of the queue it is on (old vcpu, old priority); the move
 * applies from the next event.
 */
static void test_fifo_move_while_linked_delivers_on_the_old_queue(void **state)
{
	(void)state;
	uint32_t x, y, o = ipi(1, 0);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(1), &x), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(3), x, &y), PV_OK);
	send(3, x);
	send(1, o);
	assert_int_equal(pv_evtchn_bind_vcpu(&F->ctx, pv_domid(1), y, 1), PV_OK);
	assert_int_equal(pv_evtchn_set_priority(&F->ctx, pv_domid(1), y, 0), PV_OK);
	send(3, x); /* still pending: nothing happens */
	assert_int_equal(F->ctrl[1][1].ready, 0);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 1, 10), 0);
	assert_int_equal(fx_consume(F, 1, 0, 10), 2);
	assert_int_equal(F->got[0], y); /* in send order on queue 7, not first as priority 0 */
	assert_int_equal(F->got[1], o);
	send(3, x);
	assert_int_equal(F->ctrl[1][1].ready, 1u << 0);
	assert_int_equal(fx_consume(F, 1, 0, 10), 0);
	assert_int_equal(fx_consume(F, 1, 1, 10), 1);
	assert_int_equal(F->got[2], y);
}

/* Closing a linked FIFO port: the guest skips it, the queue goes on. */
static void test_fifo_close_while_linked(void **state)
{
	(void)state;
	uint32_t a = ipi(1, 0), b = ipi(1, 0), c = ipi(1, 0);
	send(1, a);
	send(1, b);
	send(1, c);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(1), b), PV_OK);
	assert_true(F->words[1][b] & PV_EVTCHN_FIFO_LINKED); /* still on the queue */
	assert_false(fx_pending(F, 1, b));
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 10), 2);
	assert_int_equal(F->got[0], a);
	assert_int_equal(F->got[1], c);
	assert_int_equal(fx_consume(F, 1, 0, 10), 0);
}

/*
 * A port reused while its number is still linked on a queue (closed and
 * bound again before the guest popped it), even for another vcpu: the event
 * is delivered once, through its old place on the old queue.
 */
static void test_fifo_reuse_while_linked(void **state)
{
	(void)state;
	uint32_t a = ipi(1, 0), b = ipi(1, 0), c = ipi(1, 0);
	send(1, a);
	send(1, b);
	send(1, c);
	assert_int_equal(pv_evtchn_close(&F->ctx, pv_domid(1), b), PV_OK);
	uint32_t b2 = ipi(1, 1); /* the lowest free port again, now for vcpu 1 */
	assert_int_equal(b2, b);
	assert_true(F->words[1][b2] & PV_EVTCHN_FIFO_LINKED);
	unsigned up1 = F->upcalls[1][1];
	send(1, b2);
	assert_int_equal(F->upcalls[1][1], up1); /* not linked again, nowhere else */
	assert_int_equal(F->ctrl[1][1].ready, 0);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 1, 10), 0);
	assert_int_equal(fx_consume(F, 1, 0, 10), 3);
	uint32_t want[3] = { a, b2, c };
	assert_memory_equal(F->got, want, sizeof want);
	assert_false(fx_pending(F, 1, b2));
	/* popped: the next event goes to its own vcpu's queue */
	send(1, b2);
	assert_int_equal(F->upcalls[1][1], up1 + 1);
	assert_int_equal(fx_consume(F, 1, 0, 10), 0);
	assert_int_equal(fx_consume(F, 1, 1, 10), 1);
	assert_int_equal(F->got[3], b2);
}

/* 2-level: a masked port is left pending for the guest; the selector survives. */
static void test_2l_masked_in_guest(void **state)
{
	(void)state;
	uint32_t a = ipi(0, 0), b = ipi(0, 0);
	F->shared[0].mask[a / 32] |= 1u << (a % 32); /* the guest masks a itself */
	send(0, a);
	send(0, b);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 0, 0, 10), 1);
	assert_int_equal(F->got[0], b);
	assert_true(fx_pending(F, 0, a));
	assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(0), a), PV_OK);
	assert_int_equal(fx_consume(F, 0, 0, 10), 1);
	assert_int_equal(F->got[1], a);
}

/*
 * A guest that clears a mask bit itself, in shared memory, gets nothing
 * re-delivered: an event that arrived while the port was masked was never
 * put on a selector or a queue. pv_evtchn_unmask does that.
 */
static void clear_mask_in_memory(uint16_t dom)
{
	uint32_t p = ipi(dom, 0);
	assert_int_equal(pv_evtchn_mask(&F->ctx, pv_domid(dom), p), PV_OK);
	send(dom, p);
	assert_true(fx_pending(F, dom, p));
	if (F->shared[dom].abi == PV_EVTCHN_ABI_FIFO)
		F->words[dom][p] &= ~PV_EVTCHN_FIFO_MASKED;
	else
		F->shared[dom].mask[p / 32] &= ~(1u << (p % 32));
	F->ngot = 0;
	assert_int_equal(fx_consume(F, dom, 0, 10), 0);
	assert_true(fx_pending(F, dom, p)); /* still pending, nobody told */
	assert_int_equal(F->upcalls[dom][0], 0);
	assert_int_equal(pv_evtchn_unmask(&F->ctx, pv_domid(dom), p), PV_OK);
	assert_int_equal(F->upcalls[dom][0], 1);
	assert_int_equal(fx_consume(F, dom, 0, 10), 1);
	assert_int_equal(F->got[0], p);
}
static void test_2l_clearing_mask_in_memory_does_not_redeliver(void **state)
{
	(void)state;
	clear_mask_in_memory(0);
}
static void test_fifo_clearing_mask_in_memory_does_not_redeliver(void **state)
{
	(void)state;
	clear_mask_in_memory(1);
}

/*
 * Events that arrive while upcall_mask is set raise upcall_pending but no
 * upcall; clearing upcall_mask is a plain store the hypervisor does not see,
 * so no upcall follows it either, nor any later event while upcall_pending
 * stays set. The guest must look at upcall_pending itself after clearing
 * upcall_mask.
 */
static void test_upcall_after_clearing_upcall_mask_is_the_guests_job(void **state)
{
	(void)state;
	for (uint16_t dom = 0; dom < 2; dom++) {
		uint32_t p = ipi(dom, 0), q = ipi(dom, 0);
		F->shared[dom].vcpu[0].upcall_mask = 1;
		send(dom, p);
		assert_int_equal(F->upcalls[dom][0], 0);
		assert_int_equal(F->wakes[dom][0], 1);
		F->shared[dom].vcpu[0].upcall_mask = 0; /* the guest re-enables */
		send(dom, q);
		assert_int_equal(F->upcalls[dom][0], 0); /* still none */
		assert_true(F->shared[dom].vcpu[0].upcall_pending);
		F->ngot = 0;
		assert_int_equal(fx_consume(F, dom, 0, 10), 2); /* the guest looked */
		/* with upcall_pending clear again, the next event upcalls */
		send(dom, p);
		assert_int_equal(F->upcalls[dom][0], 1);
		assert_int_equal(fx_consume(F, dom, 0, 10), 1);
	}
}

/* ---- hostile guests ---- */

static uint32_t rng_state = 12345;
static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

/* dom 1 (FIFO) wrecks its queues; dom 3 (FIFO) and dom 0 are unaffected. */
static void test_fifo_corrupt_queue_hurts_only_its_owner(void **state)
{
	(void)state;
	uint32_t p1[64], a, b;
	for (unsigned i = 0; i < 64; i++)
		p1[i] = ipi(1, (uint32_t)i % FX_VCPUS);
	/* a healthy channel 1 <-> 3 */
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(3), pv_domid(1), &a), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(3), a, &b), PV_OK);
	for (unsigned round = 0; round < 200; round++) {
		/* the guest scribbles: random words, cycles, heads out of range */
		for (unsigned k = 0; k < 32; k++) {
			uint32_t i = rnd() % FX_PORTS;
			switch (rnd() % 4) {
			case 0: F->words[1][i] = rnd(); break;
			case 1: F->words[1][i] = PV_EVTCHN_FIFO_LINKED | PV_EVTCHN_FIFO_PENDING | i; break;
			case 2: F->ctrl[1][rnd() % FX_VCPUS].head[rnd() % 16] = rnd(); break;
			default: F->ctrl[1][rnd() % FX_VCPUS].ready = rnd(); break;
			}
		}
		F->shared[1].vcpu[0].upcall_pending = (uint8_t)rnd();
		memset(F->gst[1], 0xFF, sizeof F->gst[1]); /* even its private cursor */
		for (unsigned k = 0; k < 16; k++)
			send(1, p1[rnd() % 64]);
		/* the guest's own consume loop stays bounded */
		F->ngot = 0;
		(void)fx_consume(F, 1, 0, 64);
		(void)fx_consume(F, 1, 1, 64);
		assert_true(F->ngot <= 128);
		for (unsigned g = 0; g < (F->ngot < 4096 ? F->ngot : 4096); g++)
			assert_true(F->got[g] > 0 && F->got[g] < FX_PORTS);
		/* the victim's peer still gets exactly one event per send */
		send(1, b);
		F->ngot = 0;
		assert_int_equal(fx_consume(F, 3, 0, 64), 1);
		assert_int_equal(F->got[0], a);
		fx_audit(F);
		/* tails recorded by the hypervisor stay inside the table */
		for (unsigned v = 0; v < FX_VCPUS; v++)
			for (unsigned q = 0; q < PV_EVTCHN_FIFO_PRIORITIES; q++)
				assert_true(F->doms[1].fifo_tail[v][q] < FX_PORTS);
	}
	/* The guest repairs its memory: delivery works again. */
	memset(F->words[1], 0, sizeof F->words[1]);
	memset(F->ctrl[1], 0, sizeof F->ctrl[1]);
	memset(F->gst[1], 0, sizeof F->gst[1]);
	for (unsigned v = 0; v < FX_VCPUS; v++)
		F->shared[1].vcpu[v].upcall_pending = 0;
	/* the hypervisor's tails may name ports whose LINKED the guest cleared: harmless */
	send(1, p1[0]);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 64), 1);
	assert_int_equal(F->got[0], p1[0]);
}

/* A guest that sets every 2-level bit only stops its own delivery. */
static void test_2l_scribble_hurts_only_its_owner(void **state)
{
	(void)state;
	uint32_t a, b, p = ipi(0, 0);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &a), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(0), a, &b), PV_OK);
	memset(F->shared[0].pending, 0xFF, sizeof F->shared[0].pending);
	memset(F->shared[0].mask, 0xFF, sizeof F->shared[0].mask);
	memset(F->shared[0].vcpu, 0xFF, sizeof F->shared[0].vcpu);
	F->shared[0].nr_ports = 0xFFFFFFFFu;
	for (unsigned i = 0; i < 1000; i++) {
		send(0, p);
		send(0, a); /* dom 0 floods dom 1 */
	}
	assert_int_equal(F->upcalls[0][0], 0);
	/* dom 1 sees one event, however many sends */
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 64), 1);
	assert_int_equal(F->got[0], b);
	/* dom 0's consume stays bounded */
	F->ngot = 0;
	assert_true(fx_consume(F, 0, 0, 50) <= 50);
	assert_true(F->ngot <= 50);
}

/* A flood from one domain costs it only bit tests, and others keep their latency. */
static void test_flood_isolation(void **state)
{
	(void)state;
	uint32_t a, b, c, d;
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(0), pv_domid(1), &a), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(0), a, &b), PV_OK);
	assert_int_equal(pv_evtchn_alloc_unbound(&F->ctx, pv_domid(2), pv_domid(1), &c), PV_OK);
	assert_int_equal(pv_evtchn_bind_interdomain(&F->ctx, pv_domid(1), pv_domid(2), c, &d), PV_OK);
	send(0, a);
	struct pv_evtchn_domain before = F->doms[1];
	uint32_t words[FX_PORTS];
	memcpy(words, F->words[1], sizeof words);
	for (unsigned i = 0; i < 100000; i++)
		send(0, a);
	assert_memory_equal(&before, &F->doms[1], sizeof before); /* no receiver state grew */
	assert_memory_equal(words, F->words[1], sizeof words);
	send(2, c);
	F->ngot = 0;
	assert_int_equal(fx_consume(F, 1, 0, 64), 2);
	qsort(F->got, 2, sizeof F->got[0], cmp_u32);
	uint32_t want[2] = { b < d ? b : d, b < d ? d : b };
	assert_memory_equal(F->got, want, sizeof want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_2l_consume_all),
		T(test_fifo_consume_all),
		T(test_2l_bounded_consume),
		T(test_fifo_bounded_consume),
		T(test_fifo_order_and_priority),
		T(test_fifo_send_during_consume),
		T(test_fifo_requeue_after_priority_change),
		T(test_fifo_move_while_linked_delivers_on_the_old_queue),
		T(test_fifo_close_while_linked),
		T(test_fifo_reuse_while_linked),
		T(test_2l_masked_in_guest),
		T(test_2l_clearing_mask_in_memory_does_not_redeliver),
		T(test_fifo_clearing_mask_in_memory_does_not_redeliver),
		T(test_upcall_after_clearing_upcall_mask_is_the_guests_job),
		T(test_fifo_corrupt_queue_hurts_only_its_owner),
		T(test_2l_scribble_hurts_only_its_owner),
		T(test_flood_isolation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

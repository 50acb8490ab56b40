/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen security advisories against event channels, one test per class
 * (docs/threat-model.md has the table). Each test says what the Xen bug was,
 * what a guest gained, and why pvlib refuses it, mounts the attack from a
 * guest's side and runs the module's audit after every step. Both ABIs
 * where the class concerns both.
 */
#include "evtchn_fixture.h"

static const uint32_t abi_2l = PV_EVTCHN_ABI_2L, abi_fifo = PV_EVTCHN_ABI_FIFO;
#define ABI(state) (*(const uint32_t *)*(state))

#define EXPECT(f, expr, want)                                                          \
	do {                                                                           \
		enum pv_status rc_ = (expr);                                           \
		if (rc_ != (want))                                                     \
			fail_msg("%s: got %d want %d", #expr, (int)rc_, (int)(want));  \
		fx_audit(f);                                                           \
	} while (0)

static struct fx *fx_new(void)
{
	struct fx *f = test_calloc(1, sizeof *f);
	fx_init(f);
	return f;
}

static unsigned upcalls(const struct fx *f, uint16_t d)
{
	unsigned n = 0;
	for (unsigned v = 0; v < PV_EVTCHN_MAX_VCPUS; v++)
		n += f->upcalls[d][v];
	return n;
}

/*
 * XSA-188: when EVTCHNOP_init_control failed (a bad guest frame), Xen freed
 * the FIFO control structure but left the pointer to it, and a later
 * init_control or expand_array used the freed memory. Gain: a write through
 * a dangling pointer (host crash, perhaps code execution). In pvlib the
 * FIFO control blocks and event words are the hypervisor's, given once at
 * pv_evtchn_domain_add, which checks everything before it registers
 * anything: a refused add leaves the slot unregistered, so every operation
 * on it is PV_ESRCH until a complete add succeeds.
 */
static void xsa188_fifo_control_error_path(void **state)
{
	(void)state;
	struct fx *f = fx_new();
	struct pv_evtchn_domain_config dc = fx_dc(f, 1, PV_EVTCHN_ABI_FIFO, 64);
	dc.fifo_ctrl[1] = NULL; /* vcpu 1 has no control block */
	EXPECT(f, pv_evtchn_domain_add(&f->ctx, &dc), PV_EINVAL);
	dc = fx_dc(f, 1, PV_EVTCHN_ABI_FIFO, 64);
	dc.fifo_words = NULL;
	EXPECT(f, pv_evtchn_domain_add(&f->ctx, &dc), PV_EINVAL);
	uint32_t p = 0;
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 0, &p), PV_ESRCH);
	EXPECT(f, pv_evtchn_set_priority(&f->ctx, pv_domid(1), 1, 3), PV_ESRCH);
	EXPECT(f, pv_evtchn_unmask(&f->ctx, pv_domid(1), 1), PV_ESRCH);
	assert_false(pv_evtchn_vcpu_pending(&f->ctx, pv_domid(1), 1));
	/* A complete add afterwards starts from clean state. */
	fx_add(f, 1, PV_EVTCHN_ABI_FIFO, 64);
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 1, &p), PV_OK);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), p), PV_OK);
	assert_int_equal(fx_consume(f, 1, 1, 8), 1);
	assert_int_equal(f->got[0], p);
	test_free(f);
}

/*
 * XSA-317: an error path of Xen's event-channel port allocation left a port
 * partly set up (its bucket allocated, its state not) and later operations
 * trusted it. Gain: a hypervisor crash. pvlib takes a port only after every
 * check passed; a full table is PV_ENOSPC and changes nothing, and the next
 * port freed is the next one handed out, clean (not pending, not masked).
 */
static void xsa317_port_allocation_error_path(void **state)
{
	struct fx *f = fx_new();
	fx_add(f, 0, ABI(state), 8);
	fx_add(f, 1, ABI(state), 8);
	uint32_t p = 0;
	for (uint32_t k = 1; k < 8; k++) {
		EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, pv_domid(1), pv_domid(0), &p), PV_OK);
		assert_int_equal(p, k);
	}
	struct pv_evtchn_port_status st;
	EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, pv_domid(1), pv_domid(0), &p), PV_ENOSPC);
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 0, &p), PV_ENOSPC);
	EXPECT(f, pv_evtchn_bind_virq(&f->ctx, pv_domid(1), PV_EVTCHN_VIRQ_TIMER, 0, &p),
	       PV_ENOSPC);
	uint32_t rp = 0;
	EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, pv_domid(0), pv_domid(1), &rp), PV_OK);
	EXPECT(f, pv_evtchn_bind_interdomain(&f->ctx, pv_domid(1), pv_domid(0), rp, &p),
	       PV_ENOSPC);
	EXPECT(f, pv_evtchn_status(&f->ctx, pv_domid(0), rp, &st), PV_OK);
	assert_int_equal(st.state, PV_EVTCHN_UNBOUND); /* the remote end untouched */
	/* A port freed while pending comes back clean. */
	EXPECT(f, pv_evtchn_close(&f->ctx, pv_domid(1), 4), PV_OK);
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 0, &p), PV_OK);
	assert_int_equal(p, 4);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), 4), PV_OK);
	EXPECT(f, pv_evtchn_close(&f->ctx, pv_domid(1), 4), PV_OK);
	assert_false(fx_pending(f, 1, 4));
	EXPECT(f, pv_evtchn_bind_interdomain(&f->ctx, pv_domid(1), pv_domid(0), rp, &p), PV_OK);
	assert_int_equal(p, 4);
	assert_false(fx_pending(f, 1, 4));
	test_free(f);
}

/*
 * XSA-221: EVTCHNOP_poll (and other paths) looked at ports the domain had
 * never allocated, or at a vcpu that did not exist, through a NULL pointer.
 * Gain: a host crash. Every pvlib operation checks the domain (PV_ESRCH),
 * the port number against the domain's own table (PV_ERANGE, port 0
 * included), the port's state (PV_ENOENT for FREE, PV_EINVAL for the wrong
 * kind) and the vcpu (PV_ERANGE) before touching anything.
 */
static void xsa221_uninitialised_port(void **state)
{
	struct fx *f = fx_new();
	fx_add(f, 1, ABI(state), 64);
	const pv_domid_t d = pv_domid(1);
	struct pv_evtchn_port_status st;
	const uint32_t bad[] = { 0, 5, 63, 64, 1024, UINT32_MAX };
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t p = bad[i];
		enum pv_status want = (p == 0 || p >= 64) ? PV_ERANGE : PV_ENOENT;
		EXPECT(f, pv_evtchn_send(&f->ctx, d, p), want);
		EXPECT(f, pv_evtchn_mask(&f->ctx, d, p), want);
		EXPECT(f, pv_evtchn_unmask(&f->ctx, d, p), want);
		EXPECT(f, pv_evtchn_close(&f->ctx, d, p), want);
		EXPECT(f, pv_evtchn_bind_vcpu(&f->ctx, d, p, 0), want);
		if (ABI(state) == PV_EVTCHN_ABI_FIFO)
			EXPECT(f, pv_evtchn_set_priority(&f->ctx, d, p, 1), want);
		EXPECT(f, pv_evtchn_status(&f->ctx, d, p, &st), p == 0 || p >= 64 ? PV_ERANGE : PV_OK);
	}
	/* A domain that was never added; a vcpu that does not exist. */
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(2), 1), PV_ESRCH);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(99), 1), PV_ESRCH);
	uint32_t p = 0;
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, d, FX_VCPUS, &p), PV_ERANGE);
	EXPECT(f, pv_evtchn_bind_virq(&f->ctx, d, PV_EVTCHN_VIRQ_TIMER, FX_VCPUS, &p), PV_ERANGE);
	EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, d, 0, &p), PV_OK);
	EXPECT(f, pv_evtchn_bind_vcpu(&f->ctx, d, p, 1), PV_EINVAL); /* IPI: fixed vcpu */
	EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, d, pv_domid(0), &p), PV_OK);
	EXPECT(f, pv_evtchn_bind_vcpu(&f->ctx, d, p, FX_VCPUS), PV_ERANGE);
	EXPECT(f, pv_evtchn_raise_virq(&f->ctx, d, PV_EVTCHN_VIRQ_TIMER, PV_EVTCHN_MAX_VCPUS),
	       PV_ERANGE);
	assert_false(pv_evtchn_vcpu_pending(&f->ctx, d, PV_EVTCHN_MAX_VCPUS));
	assert_int_equal(upcalls(f, 1), 0);
	test_free(f);
}

/*
 * XSA-338: Xen assumed a port, once valid, stays valid for the domain's
 * life, but a reset could lower the bound that validity was checked
 * against, and a later operation on the old port hit a bug check. Gain: a
 * host crash. A pvlib domain's port range is fixed when it is added; reset
 * only makes ports FREE, so a port that was valid stays in range and is
 * answered by its state (PV_ENOENT); its peer's end becomes UNBOUND and a
 * send on it is dropped.
 */
static void xsa338_valid_port_turns_invalid(void **state)
{
	struct fx *f = fx_new();
	fx_add(f, 0, ABI(state), 300);
	fx_add(f, 1, ABI(state), 300);
	uint32_t up = 0, p0 = 0, p1 = 0;
	for (unsigned k = 0; k < 250; k++) /* push the highest port up */
		EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 0, &p1), PV_OK);
	EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, pv_domid(0), pv_domid(1), &up), PV_OK);
	EXPECT(f, pv_evtchn_bind_interdomain(&f->ctx, pv_domid(1), pv_domid(0), up, &p1), PV_OK);
	p0 = up;
	assert_int_equal(p1, 251);
	enum pv_status rc;
	while ((rc = pv_evtchn_reset(&f->ctx, pv_domid(1))) == PV_ERESTART)
		fx_audit(f);
	assert_int_equal(rc, PV_OK);
	fx_audit(f);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), p1), PV_ENOENT);
	EXPECT(f, pv_evtchn_unmask(&f->ctx, pv_domid(1), p1), PV_ENOENT);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(0), p0), PV_OK); /* dropped */
	struct pv_evtchn_port_status st;
	EXPECT(f, pv_evtchn_status(&f->ctx, pv_domid(0), p0, &st), PV_OK);
	assert_int_equal(st.state, PV_EVTCHN_UNBOUND);
	assert_int_equal(pv_domid_val(st.remote_dom), 1);
	assert_false(fx_pending(f, 1, p1));
	/* The same number can be bound again and works. */
	EXPECT(f, pv_evtchn_bind_interdomain(&f->ctx, pv_domid(1), pv_domid(0), p0, &p1), PV_OK);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(0), p0), PV_OK);
	assert_true(fx_pending(f, 1, p1));
	test_free(f);
}

/*
 * XSA-343: evtchn_reset() raced with the domain's own event-channel
 * operations and with sends from its peers, and the FIFO state was not
 * fully reset. Gain: corrupted queues, a host crash. pvlib is uniprocessor
 * (the races themselves wait for SMP; the FIFO queue and 2-level handshake
 * models in verification/spin/ cover those interleavings), but its reset is
 * preemptible, so the same operations do interleave with it between
 * rounds: binds, sends from a peer, the guest consuming its queue. The test
 * does all of them between rounds and checks that the reset still ends
 * with every port FREE, no stale event delivered and the audit clean.
 */
static void xsa343_reset_interleaved(void **state)
{
	struct fx *f = fx_new();
	fx_add(f, 0, ABI(state), 1024);
	fx_add(f, 1, ABI(state), 1024);
	uint32_t p = 0, up[4];
	for (unsigned k = 0; k < 4; k++) {
		EXPECT(f, pv_evtchn_alloc_unbound(&f->ctx, pv_domid(0), pv_domid(1), &up[k]), PV_OK);
		EXPECT(f, pv_evtchn_bind_interdomain(&f->ctx, pv_domid(1), pv_domid(0), up[k], &p),
		       PV_OK);
	}
	for (unsigned k = 0; k < 600; k++) {
		EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), k % FX_VCPUS, &p), PV_OK);
		if (k % 3 == 0)
			EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), p), PV_OK);
	}
	unsigned rounds = 0;
	enum pv_status rc;
	while ((rc = pv_evtchn_reset(&f->ctx, pv_domid(1))) == PV_ERESTART) {
		fx_audit(f);
		rounds++;
		assert_true(rounds < 64);
		/* Between rounds: the peer sends, the domain binds and sends. */
		for (unsigned k = 0; k < 4; k++)
			EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(0), up[k]), PV_OK);
		if (rounds < 4) {
			EXPECT(f, pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 1, &p), PV_OK);
			EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), p), PV_OK);
		}
		fx_consume(f, 1, 0, 16);
		fx_consume(f, 1, 1, 16);
	}
	assert_int_equal(rc, PV_OK);
	fx_audit(f);
	struct pv_evtchn_port_status st;
	for (uint32_t q = 1; q < 1024; q++) {
		EXPECT(f, pv_evtchn_status(&f->ctx, pv_domid(1), q, &st), PV_OK);
		assert_int_equal(st.state, PV_EVTCHN_FREE);
	}
	/* Nothing stale is delivered after the reset. */
	f->ngot = 0;
	assert_int_equal(fx_consume(f, 1, 0, 2048) + fx_consume(f, 1, 1, 2048), 0);
	for (unsigned k = 0; k < 4; k++) {
		EXPECT(f, pv_evtchn_status(&f->ctx, pv_domid(0), up[k], &st), PV_OK);
		assert_int_equal(st.state, PV_EVTCHN_UNBOUND);
	}
	test_free(f);
}

/*
 * XSA-344: evtchn_reset() and evtchn_destroy() closed every port in one go,
 * without preemption, with up to 2^17 ports. Gain: a CPU held in the
 * hypervisor for a long time (denial of service to every other domain).
 * pvlib's reset examines at most PV_EVTCHN_RESET_SLICE slots per call and
 * returns PV_ERESTART until it is done; a full 2-level table takes
 * ceil(1023 / slice) calls.
 */
static void xsa344_reset_not_preemptible(void **state)
{
	struct fx *f = fx_new();
	uint32_t n = ABI(state) == PV_EVTCHN_ABI_FIFO ? FX_PORTS : PV_EVTCHN_2L_MAX_PORTS;
	fx_add(f, 1, ABI(state), n);
	uint32_t p = 0;
	for (uint32_t k = 1; k < n; k++)
		assert_int_equal(pv_evtchn_bind_ipi(&f->ctx, pv_domid(1), 0, &p), PV_OK);
	fx_audit(f);
	unsigned calls = 0, free_before = 0;
	enum pv_status rc;
	do {
		rc = pv_evtchn_reset(&f->ctx, pv_domid(1));
		calls++;
		fx_audit(f);
		unsigned nfree = 0;
		struct pv_evtchn_port_status st;
		for (uint32_t q = 1; q < n; q++) {
			assert_int_equal(pv_evtchn_status(&f->ctx, pv_domid(1), q, &st), PV_OK);
			nfree += st.state == PV_EVTCHN_FREE;
		}
		assert_true(nfree - free_before <= PV_EVTCHN_RESET_SLICE);
		free_before = nfree;
	} while (rc == PV_ERESTART);
	assert_int_equal(rc, PV_OK);
	assert_int_equal(free_before, n - 1);
	assert_int_equal(calls, (n - 1 + PV_EVTCHN_RESET_SLICE - 1) / PV_EVTCHN_RESET_SLICE);
	test_free(f);
}

/*
 * XSA-342: 32-bit x86 guests use the 2-level ABI, whose bitmaps hold 1024
 * ports, yet Xen let them bind more, and ports past the bitmaps were
 * indexed out of bounds. Gain: writes past the shared bitmaps (host
 * memory corruption). pvlib refuses a 2-level domain with more ports than
 * its bitmaps hold (PV_ERANGE) and a FIFO domain with more than the LINK
 * field can name; a port past the table is PV_ERANGE everywhere.
 */
static void xsa342_ports_past_the_bitmaps(void **state)
{
	(void)state;
	struct fx *f = fx_new();
	struct pv_evtchn_domain_config dc = fx_dc(f, 1, PV_EVTCHN_ABI_2L,
						  PV_EVTCHN_2L_MAX_PORTS + 1);
	EXPECT(f, pv_evtchn_domain_add(&f->ctx, &dc), PV_ERANGE);
	dc = fx_dc(f, 1, PV_EVTCHN_ABI_FIFO, PV_EVTCHN_FIFO_MAX_PORTS + 1);
	EXPECT(f, pv_evtchn_domain_add(&f->ctx, &dc), PV_ERANGE);
	dc = fx_dc(f, 1, PV_EVTCHN_ABI_2L, PV_EVTCHN_2L_MAX_PORTS);
	EXPECT(f, pv_evtchn_domain_add(&f->ctx, &dc), PV_OK);
	EXPECT(f, pv_evtchn_send(&f->ctx, pv_domid(1), PV_EVTCHN_2L_MAX_PORTS), PV_ERANGE);
	EXPECT(f, pv_evtchn_unmask(&f->ctx, pv_domid(1), PV_EVTCHN_2L_MAX_PORTS), PV_ERANGE);
	test_free(f);
}

#define BOTH(fn) cmocka_unit_test_prestate(fn, (void *)&abi_2l), \
		 cmocka_unit_test_prestate(fn, (void *)&abi_fifo)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xsa188_fifo_control_error_path),
		BOTH(xsa317_port_allocation_error_path),
		BOTH(xsa221_uninitialised_port),
		BOTH(xsa338_valid_port_turns_invalid),
		BOTH(xsa343_reset_interleaved),
		BOTH(xsa344_reset_not_preemptible),
		cmocka_unit_test(xsa342_ports_past_the_bitmaps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * 2-level pending / mask / selector / upcall handshake: lib/evtchn/deliver.c
 * (l2_set_pending, l2_deliver, mark_vcpu_pending, the 2-level branches of
 * pv_evtchn_deliver_unmask) against include/pvlib/abi/evtchn_guest.h
 * pv_evtchn_guest_2l_consume and the guest rules of include/pvlib/abi/evtchn.h
 * (unmask a port through the hypercall; after clearing upcall_mask, look
 * at upcall_pending). Correspondence: l2.md.
 *
 * One vcpu, ports 1..3 in two pending words (port 1 in word 0, ports 2 and 3
 * in word 1: the model's word size is 2 bits), so the selector matters.
 * The hypervisor's operations are atomic steps (uniprocessor); the guest's
 * atomics are atomic steps, its other statements separate ones.
 *
 * No lost wake-up: the guest takes events only when an upcall arrives, or
 * when it looks at upcall_pending after clearing upcall_mask, or when its
 * own consume stopped early and asked to come back. When the hypervisor is
 * done and none of these is due, no unmasked port may be pending and
 * every event raised was handled exactly once.
 *
 * Planted bugs: -DBUG_NO_SEL (the hypervisor never sets the selector bit),
 * -DBUG_CHECK_BEFORE_UNMASK (the guest looks at upcall_pending before it
 * clears upcall_mask).
 */
#define NP 4
#define MAXEV 1
#ifndef NOPS
#define NOPS 4
#endif

/* shared */
byte pending;            /* bit p: port p pending (both words, 2 bits each) */
byte mask;               /* bit p: port p masked (guest-owned) */
byte sel;                /* bit w: pending word w may hold a port */
bit upcall_pending;
bit upcall_mask;

/* the upcall interrupt, as the port raises it for ctx->ops->upcall */
bit upcall_irq;
bit hyp_done;

byte raised[NP];
byte handled[NP];

#define WORD(p) ((p) / 2)
#define WBITS(w) (3 << ((w) * 2))

inline mark_vcpu_pending() {
	if
	:: upcall_pending -> skip
	:: else ->
		upcall_pending = 1;
		if :: !upcall_mask -> upcall_irq = 1 :: else -> skip fi
	fi
}

inline l2_deliver(p) {
	if
	:: mask & (1 << p) -> skip
	:: else ->
#ifndef BUG_NO_SEL
		if :: !(sel & (1 << WORD(p))) -> sel = sel | (1 << WORD(p)) :: else -> skip fi;
#endif
		mark_vcpu_pending()
	fi
}

inline l2_set_pending(p) {
	if
	:: pending & (1 << p) -> skip
	:: else -> raised[p]++; pending = pending | (1 << p); l2_deliver(p)
	fi
}

inline l2_unmask(p) {
	mask = mask & ~(1 << p);
	if :: pending & (1 << p) -> l2_deliver(p) :: else -> skip fi
}

active proctype Hyp() {
	byte ops, p;
	do
	:: ops < NOPS -> atomic { select(p : 1 .. NP - 1); l2_set_pending(p); ops++; p = 0 }
	:: ops >= NOPS -> break
	od;
	hyp_done = 1
}

active proctype Guest() {
	byte s, w, ready, b, done, st;
	bit again, in_cs;
	do
	:: upcall_irq || again ->
		atomic { upcall_irq = 0; again = 0 };
consume:
		upcall_pending = 0;
		atomic { s = sel; sel = 0 };
		done = 0;
		do
		:: s != 0 ->
			w = ((s & 1) -> 0 : 1);
			ready = pending & ~mask & WBITS(w);   /* load pending, load mask */
			if
			:: ready == 0 -> s = s & ~(1 << w)
			:: ready != 0 && done >= MAXEV -> break
			:: else ->
				b = ((ready & (1 << (2 * w))) -> 2 * w : 2 * w + 1);
				atomic { pending = pending & ~(1 << b) };   /* fetch_and */
				if
				:: b != 0 -> handled[b]++; assert(handled[b] <= raised[b]); done++
				:: else -> skip
				fi
			fi
		:: else -> break
		od;
		if
		:: s != 0 ->
			atomic { sel = sel | s };
			upcall_pending = 1;
			again = 1
		:: else -> skip
		fi;
		atomic { s = 0; w = 0; ready = 0; b = 0; done = 0 };
		if :: in_cs -> goto cs_end :: else -> skip fi
	:: st == 0 ->      /* a critical section with upcalls masked */
		upcall_mask = 1; st = 1
	:: st == 1 ->
#ifdef BUG_CHECK_BEFORE_UNMASK
		if
		:: upcall_pending -> upcall_mask = 0; in_cs = 1; goto consume
		:: else -> upcall_mask = 0
		fi;
#else
		upcall_mask = 0;
		if :: upcall_pending -> in_cs = 1; goto consume :: else -> skip fi;
#endif
cs_end:
		in_cs = 0; st = 2
	:: st == 2 ->      /* mask port 1 (atomic OR) ... */
		atomic { mask = mask | 2 }; st = 3
	:: st == 3 ->      /* ... and unmask it with the hypercall */
		atomic { l2_unmask(1) }; st = 4
	:: hyp_done && !upcall_irq && !again && (st == 0 || st == 2 || st == 4) -> break
	od;
	b = 1;
	do
	:: b < NP ->
		assert(!(pending & (1 << b)) || (mask & (1 << b)));
		assert(handled[b] == raised[b]);
		b++
	:: else -> break
	od
}

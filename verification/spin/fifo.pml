/*
 * FIFO event queue: lib/evtchn/deliver.c (hypervisor side) against
 * include/pvlib/abi/evtchn_guest.h pv_evtchn_guest_fifo_consume (guest side).
 * The statement-by-statement correspondence is in fifo.md next to this file.
 *
 * One domain, one vcpu, ports 1..NP-1 (port 0 is never valid), NQ queues
 * (priorities). The hypervisor runs on a trap between two guest
 * instructions and the guest does not run while it is in there
 * (uniprocessor, deliver.c's concurrency note): each hypervisor operation
 * is one atomic step. The guest's loads, stores and compare-and-swaps are
 * separate steps, so the hypervisor may run between any two of them.
 *
 * Honest guest (default): every event raised (a port going from not
 * pending to pending) is handed to the guest's handler exactly once: never
 * twice (checked all along), never lost (checked when everything is quiet).
 *
 * -DHOSTILE: the guest writes arbitrary values into every shared word
 * (event words, queue heads, ready bitmap, upcall flag) at any time; checked:
 * the hypervisor only indexes with its private state, which stays in range,
 * and each operation touches a bounded number of shared words.
 *
 * -DNOCAS (planted bug): the guest's pop is a plain load then a plain store
 * instead of a compare-and-swap; the check must then find a lost event.
 */

#define NP 4            /* ports 0..3; 0 invalid */
#define NQ 2            /* priorities */
#define ALLQ 3          /* (1 << NQ) - 1 */
#define LINKMASK 7      /* link field: 3 bits, room for out-of-range links */
#define LINKED 8
#define MASKED 16
#define PENDING 32
#define MAXEV 2         /* the guest's max_events per call */
#ifndef NOPS
#ifdef HOSTILE
#define NOPS 3          /* hypervisor operations in one run */
#else
#define NOPS 4
#endif
#endif
#define WMAX 8          /* shared words one hypervisor operation may touch */

/* shared with the guest */
byte words[NP];          /* d->fifo_words[] */
byte cb_head[NQ];        /* cb->head[] */
byte cb_ready;           /* cb->ready */
bit upcall_pending;      /* vi->upcall_pending (upcall_mask stays 0 here) */

/* the hypervisor's private state */
byte tail[NQ];           /* d->fifo_tail[0][] */
byte prio[NP];           /* d->ports[].prio */
byte last_prio[NP];      /* d->ports[].last_prio */
bit hyp_done;

/* ghosts */
byte raised[NP];
byte handled[NP];
byte work;               /* shared words touched by the current operation */

inline touch() { work++; assert(work <= WMAX) }

/* mark_vcpu_pending(): the upcall itself is the guest noticing the flag */
inline mark_vcpu_pending() {
	touch();
	if
	:: upcall_pending -> skip
	:: else -> upcall_pending = 1
	fi
}

/* fifo_link(ctx, d, port, p, w) */
inline fifo_link(port, w) {
	touch(); words[port] = (w | LINKED) & ~LINKMASK;
	if
	:: last_prio[port] != prio[port] ->
		if
		:: tail[last_prio[port]] == port -> tail[last_prio[port]] = 0
		:: else -> skip
		fi;
		last_prio[port] = prio[port]
	:: else -> skip
	fi;
	t = tail[prio[port]];
#ifdef BUG_TAIL_FROM_GUEST
	/* planted bug: follow the guest's link from the recorded tail */
	if
	:: t != 0 && (words[t] & LINKMASK) != 0 -> t = words[t] & LINKMASK
	:: else -> skip
	fi;
#endif
	assert(t < NP);
	tail[prio[port]] = port;
	if
	:: t != 0 && t != port && (words[t] & LINKED) ->
		touch(); touch();
		words[t] = (words[t] & ~LINKMASK) | port
	:: else ->
		if :: t != 0 && t != port -> touch() :: else -> skip fi;
		touch(); cb_head[prio[port]] = port;
		touch(); cb_ready = cb_ready | (1 << prio[port]);
		mark_vcpu_pending()
	fi
}

/* fifo_set_pending(): a send, bind or raise of port p */
inline set_pending(port) {
	touch(); w = words[port];
	if
	:: w & PENDING -> skip
	:: else ->
		raised[port]++;
		w = w | PENDING;
		if
		:: w & (MASKED | LINKED) -> touch(); words[port] = w
		:: else -> fifo_link(port, w)
		fi
	fi
}

/* pv_evtchn_deliver_unmask(), FIFO branch */
inline unmask(port) {
	touch(); w = words[port] & ~MASKED;
	if
	:: (w & (PENDING | LINKED)) == PENDING -> fifo_link(port, w)
	:: else -> touch(); words[port] = w
	fi
}

active proctype Hyp() {
	byte ops, port, q, w, t;
	do
	:: ops < NOPS ->
		atomic { select(port : 1 .. NP - 1); work = 0; set_pending(port); ops++; port = 0; w = 0; t = 0 }
	:: ops < NOPS ->  /* pv_evtchn_set_priority: private state only */
		atomic { select(port : 1 .. NP - 1); select(q : 0 .. NQ - 1); prio[port] = q; ops++; port = 0; q = 0 }
	:: ops < NOPS ->  /* unmask hypercall (the guest may have masked) */
		atomic { select(port : 1 .. NP - 1); work = 0; unmask(port); ops++; port = 0; w = 0; t = 0 }
	:: ops >= NOPS -> break
	od;
	hyp_done = 1
}

#ifndef HOSTILE
/* pv_evtchn_guest_fifo_consume(), with the guest's own mask/unmask */
byte st_ready;
byte st_head[NQ];

active proctype Guest() {
	byte ready, q, port, old, nw, link, visited, done, w, t;
	bit ok;
	do
	:: upcall_pending ->
		upcall_pending = 0;
		atomic { ready = (st_ready | cb_ready) & ALLQ; cb_ready = 0 };
		visited = 0;
		do
		:: ready != 0 && visited < MAXEV ->
			q = ((ready & 1) -> 0 : 1);      /* ctz: most urgent first */
			port = st_head[q];
			if
			:: port == 0 -> port = cb_head[q]
			:: else -> skip
			fi;
			if
			:: port == 0 || port >= NP ->
				ready = ready & ~(1 << q);
				st_head[q] = 0
			:: else ->
				visited++;
				old = words[port];
#ifdef NOCAS
				nw = old & ~(LINKED | LINKMASK);
				if :: !(old & MASKED) -> nw = nw & ~PENDING :: else -> skip fi;
				words[port] = nw;
#else
				do
				:: atomic {
					nw = old & ~(LINKED | LINKMASK);
					if :: !(old & MASKED) -> nw = nw & ~PENDING :: else -> skip fi;
					if
					:: words[port] == old -> words[port] = nw; ok = 1
					:: else -> old = words[port]; ok = 0
					fi
				   };
				   if :: ok -> break :: else -> skip fi
				od;
#endif
				link = old & LINKMASK;
				if
				:: !(old & LINKED) || link >= NP -> link = 0
				:: else -> skip
				fi;
				st_head[q] = link;
				if :: link == 0 -> ready = ready & ~(1 << q) :: else -> skip fi;
				if
				:: (old & PENDING) && !(old & MASKED) ->
					handled[port]++;
					assert(handled[port] <= raised[port])   /* never twice */
				:: else -> skip
				fi;
				if
				:: ready == 0 && cb_ready != 0 ->
					atomic { ready = cb_ready & ALLQ; cb_ready = 0 }
				:: else -> skip
				fi
			fi
		:: else -> break
		od;
		st_ready = ready;
		if :: ready -> upcall_pending = 1 :: else -> skip fi;
		atomic { ready = 0; q = 0; port = 0; old = 0; nw = 0; link = 0; visited = 0 }  /* dead */
	:: done == 0 ->        /* mask port 1 with an atomic OR ... */
		atomic { words[1] = words[1] | MASKED }; done = 1
	:: done == 1 ->        /* ... and later unmask it with the hypercall */
		atomic { work = 0; unmask(1); w = 0; t = 0 }; done = 2
	:: hyp_done && !upcall_pending && done != 1 -> break
	od;
	/* Quiet: nothing pending, everything raised was handled once. */
	port = 1;
	do
	:: port < NP ->
		assert(!(words[port] & PENDING));
		assert(handled[port] == raised[port]);
		port++
	:: else -> break
	od
}
#else
/*
 * A guest that writes anything anywhere it may write, between any two
 * hypervisor operations. Event words: every combination of the three flags
 * the hypervisor looks at, with a link out of range (the hypervisor never
 * reads a link: it keeps it or overwrites it, so its value cannot matter).
 * Queue heads: the hypervisor never reads them, so they are left out. The
 * ready word and the upcall flag it reads: both values. HOSTILE_WRITES
 * bounds the writes to keep the state space small.
 */
#ifndef HOSTILE_WRITES
#define HOSTILE_WRITES 2
#endif
active proctype Guest() {
	byte i, v, n;
	do
	:: n < HOSTILE_WRITES -> atomic { select(i : 1 .. NP - 1); select(v : 0 .. 7);
		words[i] = v * 8 + 5; n++ }
	:: n < HOSTILE_WRITES -> atomic { cb_ready = ALLQ - cb_ready; n++ }
	:: n < HOSTILE_WRITES -> atomic { upcall_pending = 1 - upcall_pending; n++ }
	:: hyp_done -> break
	od
}

/* The hypervisor's private state stays valid whatever the guest wrote. */
active proctype Invariant() {
	atomic {
		hyp_done ->
		assert(tail[0] < NP && tail[1] < NP);
		assert(last_prio[1] < NQ && last_prio[2] < NQ && last_prio[3] < NQ)
	}
}
#endif

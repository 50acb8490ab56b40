/*
 * Grant map / revoke / destroy with the deferred destroy: lib/mmu/frame.c
 * (pv_mmu_grant, pv_mmu_grant_revoke, pv_mmu_domain_destroy,
 * pv_mmu_frame_assign), the grant half of check_frame() in
 * lib/mmu/mmu_internal.h with pv_mmu_get()/pv_mmu_put() (a mapping made or
 * dropped by pv_mmu_update, pin or unpin). Correspondence: grant.md.
 *
 * Two domains (0, 1), two frames, each first owned by one domain. Every
 * operation is one atomic step (the caller holds the instance). The ghost
 * maps[d*NF+f] counts the leaf entries in d's tables that map frame f.
 *
 * Checked:
 *  - a frame is never freed (or given to another domain) while any
 *    domain maps it;
 *  - a domain maps only frames it owns or was granted, writable only
 *    through a writable grant;
 *  - fr_gmaps counts exactly the mappings held by domains other than the
 *    owner (so revoke and destroy decide on a true count);
 *  - once a domain is dying nobody maps its frames anew, so its destroy
 *    is not put off by new mappings: the foreign mappings of its frames
 *    only go down until the destroy completes.
 *
 * Planted bugs: -DBUG_NO_BUSY (destroy frees without looking at fr_gmaps),
 * -DBUG_NO_DYING (check_frame forgets the dying owner),
 * -DBUG_REVOKE_BUSY (revoke ignores fr_gmaps).
 */
#define ND 2
#define NF 2
#define NONE 255
#ifndef NOPS
#define NOPS 9
#endif

byte owner[NF];
byte gpeer[NF];
bit grant_rw[NF];
byte gmaps[NF];          /* m->fr_gmaps */
bit dying[ND];
bit live[ND];            /* the id is in use (created, not destroyed) */

byte maps[ND * NF];      /* ghost: d's mappings of f */
bit wmaps[ND * NF];      /* ghost: one of them is writable */
byte foreign_at_dying[NF]; /* ghost: foreign mappings when the owner began dying */

inline foreign(f, r) {
	r = 0;
	if :: owner[f] != 0 -> r = r + maps[0 * NF + f] :: else -> skip fi;
	if :: owner[f] != 1 -> r = r + maps[1 * NF + f] :: else -> skip fi
}

inline invariants() {
	i = 0;
	do
	:: i < NF ->
		foreign(i, r);
		assert(owner[i] == NONE || gmaps[i] == r);
		assert(owner[i] != NONE || (maps[i] == 0 && maps[NF + i] == 0));
		if
		:: owner[i] != NONE && dying[owner[i]] -> assert(r <= foreign_at_dying[i]); foreign_at_dying[i] = r
		:: else -> skip
		fi;
		i++
	:: else -> break
	od;
	i = 0; r = 0
}

/* pv_mmu_grant(owner o, frame f, peer p, rw) */
inline grant(o, f, p, rw) {
	if
	:: live[o] && !dying[o] && live[p] && !dying[p] && owner[f] == o && o != p &&
	   gpeer[f] == NONE ->
		gpeer[f] = p; grant_rw[f] = rw
	:: else -> skip  /* refused: nothing changes */
	fi
}

/* pv_mmu_update / pin adding a leaf of frame f in d's table: the update
 * refuses a dying d (PV_ESRCH); check_frame() then pv_mmu_get(). */
inline map(d, f, rw) {
	if
	:: live[d] && !dying[d] && owner[f] != NONE &&
	   (owner[f] == d ||
	    (gpeer[f] == d && (!rw || grant_rw[f])
#ifndef BUG_NO_DYING
	     && !dying[owner[f]]
#endif
	   )) ->
		if :: owner[f] != d -> gmaps[f]++ :: else -> skip fi;
		maps[d * NF + f]++;
		if :: rw -> wmaps[d * NF + f] = 1 :: else -> skip fi;
		/* the rule itself: own, or granted with the rights used */
		assert(owner[f] == d || (gpeer[f] == d && (!rw || grant_rw[f])))
	:: else -> skip
	fi
}

/* pv_mmu_update replacing an entry, or unpin: pv_mmu_put() */
inline unmap(d, f) {
	if
	:: maps[d * NF + f] > 0 ->
		if :: owner[f] != d -> gmaps[f]-- :: else -> skip fi;
		maps[d * NF + f]--;
		if :: maps[d * NF + f] == 0 -> wmaps[d * NF + f] = 0 :: else -> skip fi
	:: else -> skip
	fi
}

/* pv_mmu_grant_revoke(o, f) */
inline revoke(o, f) {
	if
	:: (owner[f] == o && gpeer[f] != NONE
#ifndef BUG_REVOKE_BUSY
	   && gmaps[f] == 0
#endif
	   ) ->
		assert(maps[gpeer[f] * NF + f] == 0);  /* the peer maps it no more */
		gpeer[f] = NONE; grant_rw[f] = 0
	:: else -> skip
	fi
}

/* pv_mmu_domain_destroy(d) */
inline destroy(d) {
	if
	:: live[d] ->
		if
		:: !dying[d] ->
			dying[d] = 1;
			j = 0;
			do
			:: j < NF ->
				if :: owner[j] == d -> foreign(j, r); foreign_at_dying[j] = r :: else -> skip fi;
				j++
			:: else -> break
			od
		:: else -> skip
		fi;
		/* step 1: release all of d's tables */
		j = 0;
		do
		:: j < NF ->
			do :: maps[d * NF + j] > 0 -> unmap(d, j) :: else -> break od;
			j++
		:: else -> break
		od;
		/* step 2: PV_EBUSY while a peer maps one of d's frames */
		busy = 0;
#ifndef BUG_NO_BUSY
		j = 0;
		do
		:: j < NF -> if :: owner[j] == d && gmaps[j] != 0 -> busy = 1 :: else -> skip fi; j++
		:: else -> break
		od;
#endif
		if
		:: !busy ->
			j = 0;
			do
			:: j < NF ->
				if :: gpeer[j] == d -> assert(gmaps[j] == 0); gpeer[j] = NONE; grant_rw[j] = 0 :: else -> skip fi;
				if
				:: owner[j] == d ->
					/* freed: nobody may map it */
					assert(maps[j] == 0 && maps[NF + j] == 0);
					owner[j] = NONE; gpeer[j] = NONE; grant_rw[j] = 0; gmaps[j] = 0
				:: else -> skip
				fi;
				j++
			:: else -> break
			od;
			dying[d] = 0; live[d] = 0
		:: else -> skip
		fi;
		j = 0; busy = 0
	:: else -> skip
	fi
}

/* domain creation and pv_mmu_frame_assign of a free frame */
inline create_assign(d, f) {
	live[d] = 1;
	if
	:: owner[f] == NONE && !dying[d] ->
		assert(maps[f] == 0 && maps[NF + f] == 0);
		owner[f] = d
	:: else -> skip
	fi
}

init {
	byte ops, d, p, f, i, j, r;
	bit rw, busy;
	atomic {
		owner[0] = 0; owner[1] = 1; gpeer[0] = NONE; gpeer[1] = NONE;
		live[0] = 1; live[1] = 1
	};
	do
	:: ops < NOPS ->
		atomic {
			select(d : 0 .. ND - 1); select(f : 0 .. NF - 1); select(p : 0 .. ND - 1);
			select(rw : 0 .. 1);
			if
			:: true -> grant(d, f, p, rw)
			:: true -> map(d, f, rw)
			:: true -> unmap(d, f)
			:: true -> revoke(d, f)
			:: true -> destroy(d)
			:: true -> create_assign(d, f)
			fi;
			invariants();
			ops++; d = 0; p = 0; f = 0; rw = 0
		}
	:: ops >= NOPS -> break
	od
}

/* SPDX-License-Identifier: BSD-2-Clause */
/* Compatibility for the Eva drivers, included before every source.
 * Frama-C 25 does not parse C11's _Alignof; GCC's __alignof__ is the same
 * operator (the alignment of a type), which it does parse. */
#define _Alignof(t) __alignof__(t)

/*
 * Frama-C's libc specifies __builtin_ctz and __builtin_clz with a result
 * anywhere in 0..31, which loses the exact bit a concrete word names. These
 * definitions compute the same function (undefined for 0, like the
 * builtins: the precondition makes Eva check it), so Eva follows the exact
 * value where it knows the word.
 */
/*@ requires x != 0; assigns \nothing; */
static inline int pv_fc_ctz(unsigned x)
{
	for (int i = 0; i < 31; i++)
		if ((x >> i) & 1u)
			return i;
	return 31;
}
/*@ requires x != 0; assigns \nothing; */
static inline int pv_fc_clz(unsigned x)
{
	for (int i = 0; i < 31; i++)
		if ((x << i) & 0x80000000u)
			return i;
	return 31;
}
#define __builtin_ctz(x) pv_fc_ctz(x)
#define __builtin_clz(x) pv_fc_clz(x)

/*
 * Frama-C 25 has neither code nor a specification for __builtin_memcpy:
 * Eva would use assigns clauses made up from its prototype, which check no
 * byte read or written and leave the destination's contents vague. Its
 * libc's memcpy has both the specification (the two ranges valid,
 * separated) and Eva's builtin, which copies exactly.
 */
#include <string.h>
#define __builtin_memcpy(d, s, n) memcpy(d, s, n)

/*
 * Frama-C 25 has neither code nor a specification for
 * __builtin_add_overflow either. lib/ uses it on 32-bit unsigned words only
 * (lib/hypercall/dispatch.c's counters); this is the same function for
 * them: the sum modulo 2^32 in *r, and whether it wrapped.
 */
/*@ requires \valid(r); assigns *r \from a, b; */
static inline _Bool pv_fc_add_overflow_u32(unsigned a, unsigned b, unsigned *r)
{
	*r = a + b;
	return *r < b;
}
#define __builtin_add_overflow(a, b, r) pv_fc_add_overflow_u32(a, b, r)

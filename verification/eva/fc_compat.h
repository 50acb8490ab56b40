/* SPDX-License-Identifier: BSD-2-Clause */
/* Frama-C 25 does not parse C11's _Alignof; GCC's __alignof__ is the same
 * operator (the alignment of a type), which it does parse. */
#define _Alignof(t) __alignof__(t)

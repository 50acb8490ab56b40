/* SPDX-License-Identifier: BSD-2-Clause */
/**
 * @file
 * Portability macros shared by every pvlib header, so that each compiles as
 * C11, as C99 or gnu99 with -pedantic, and as C++11 or later.
 *
 * Guest-visible headers include this one alone, so it depends on nothing.
 * It is also safe in assembly (it only defines macros).
 */
#ifndef PVLIB_ABI_CDEFS_H
#define PVLIB_ABI_CDEFS_H

/**
 * @def PV_STATIC_ASSERT(expr, msg)
 * A compile-time check at file scope: C++ static_assert, C11
 * _Static_assert, GCC/Clang's _Static_assert marked as an extension in
 * C99 (so -pedantic stays quiet), and otherwise an array whose size turns
 * negative when expr is false.
 */
#if defined(__cplusplus)
#define PV_STATIC_ASSERT(expr, msg) static_assert(expr, msg)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PV_STATIC_ASSERT(expr, msg) _Static_assert(expr, msg)
#elif defined(__GNUC__)
#define PV_STATIC_ASSERT(expr, msg) __extension__ _Static_assert(expr, msg)
#else
#define PV_STATIC_ASSERT(expr, msg) extern char pv_static_assert_failed_[(expr) ? 1 : -1]
#endif

/**
 * @def PV_NORETURN
 * Marks a function that never returns, in whichever spelling the language
 * has: C++11 [[noreturn]], C11 _Noreturn, GCC/Clang's attribute, or nothing.
 */
#if defined(__cplusplus)
#define PV_NORETURN [[noreturn]]
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define PV_NORETURN _Noreturn
#elif defined(__GNUC__)
#define PV_NORETURN __attribute__((__noreturn__))
#else
#define PV_NORETURN
#endif

#endif /* PVLIB_ABI_CDEFS_H */

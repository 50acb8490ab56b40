// SPDX-License-Identifier: GPL-2.0-only
/*
 * The console of a Linux guest of the pvlib reference hypervisor
 * (CONFIG_HVC_PVLIB): an hvc back end over the console hypercall.
 *
 * Output goes out through REFHV_HC_CONSOLE_WRITE, which takes at most
 * PVLIB_CONSOLE_MAX bytes a call and returns how many it wrote or a
 * negative pvlib status. The reference hypervisor has no console input
 * for a guest, so get_chars never returns anything; the hvc core polls
 * it from its thread.
 *
 * The boot console of arch/arm/kernel/pvlib.c prints until this one is
 * registered (console_initcall); it then unregisters itself (CON_BOOT) and
 * hvc0 is both the kernel's console and /dev/console for user space.
 */
#include <linux/console.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/minmax.h>
#include <linux/types.h>

#include <asm/pvlib.h>

#include "hvc_console.h"

static void hvc_pvlib_write(const char *s, unsigned long n)
{
	/* A refusal is a bug of this driver (an address outside the linear
	 * map, a length over the limit): the hvc core drops output on an
	 * error, and there is no other console to say so on, so the domain
	 * stops with the panic code. */
	if (!pvlib_console_write_raw(s, n))
		pvlib_shutdown(PVLIB_SHUTDOWN_PANIC);
}

/*
 * The hvc core and the tty's output processing put a carriage return
 * before each newline; the hypervisor's console prefixes every line with
 * the domain's name and shows any other control character as '?' (a
 * guest must not be able to move the cursor over another domain's
 * output), so carriage returns are dropped here and lines end in '\n'.
 */
static int hvc_pvlib_put(uint32_t vtermno, const char *buf, int count)
{
	int start = 0, i;

	for (i = 0; i < count; i++) {
		if (buf[i] != '\r')
			continue;
		hvc_pvlib_write(buf + start, i - start);
		start = i + 1;
	}
	hvc_pvlib_write(buf + start, count - start);
	return count;
}

static int hvc_pvlib_get(uint32_t vtermno, char *buf, int count)
{
	return 0;
}

static const struct hv_ops hvc_pvlib_ops = {
	.get_chars = hvc_pvlib_get,
	.put_chars = hvc_pvlib_put,
};

static int __init hvc_pvlib_init(void)
{
	return PTR_ERR_OR_ZERO(hvc_alloc(0, 0, &hvc_pvlib_ops, PVLIB_CONSOLE_MAX));
}
device_initcall(hvc_pvlib_init);

static int __init hvc_pvlib_console_init(void)
{
	hvc_instantiate(0, 0, &hvc_pvlib_ops);
	return 0;
}
console_initcall(hvc_pvlib_console_init);

/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fixture of the configuration checker's tests (test_config.c,
 * test_config_linux.c): setup() makes a private copy of the configuration
 * the test is linked with (hv_config), which a test may break, and
 * refused() runs the checker on that copy and expects one status and a
 * message naming what is wrong. Static storage: included by one test file.
 */
#ifndef REFHV_TESTS_CONFIG_FIXTURE_H
#define REFHV_TESTS_CONFIG_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <pvlib/status.h>

#include "config.h"

static struct hv_dom_cfg doms[HV_MAX_DOMS];
static struct hv_chan_cfg chans[HV_MAX_CHANS];
static struct hv_irq_cfg irqs[HV_MAX_IRQS];
static struct hv_dev_cfg devs[HV_MAX_DEVS];
static struct hv_config cfg;
static char msg[160];

static int setup(void **state)
{
	(void)state;
	cfg = hv_config;
	memcpy(doms, hv_config.doms, hv_config.nr_doms * sizeof doms[0]);
	if (hv_config.nr_chans)
		memcpy(chans, hv_config.chans, hv_config.nr_chans * sizeof chans[0]);
	if (hv_config.nr_irqs)
		memcpy(irqs, hv_config.irqs, hv_config.nr_irqs * sizeof irqs[0]);
	if (hv_config.nr_devs)
		memcpy(devs, hv_config.devs, hv_config.nr_devs * sizeof devs[0]);
	cfg.doms = doms;
	cfg.chans = chans;
	cfg.irqs = irqs;
	cfg.devs = devs;
	memset(msg, 0, sizeof msg);
	return 0;
}

static void refused(int32_t want, const char *needle)
{
	int32_t rc = hv_config_check(&cfg, msg, sizeof msg);
	assert_int_equal(rc, want);
	if (!strstr(msg, needle))
		fail_msg("message \"%s\" does not name \"%s\"", msg, needle);
}

#endif

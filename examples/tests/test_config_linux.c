/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Linux configuration (hv/config_linux.c) is accepted, and the
 * checker's rules for a Linux domain (kind HV_KIND_LINUX, refhv_linux.h)
 * refuse each way of getting one wrong.
 */
#include "config_fixture.h"
#include "refhv_linux.h"

static void shipped_linux_config_accepted(void **state)
{
	(void)state;
	assert_int_equal(hv_config_check(&hv_config, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	assert_int_equal(hv_config.doms[1].kind, HV_KIND_LINUX);
	assert_int_equal(hv_config.doms[1].image, HV_IMAGE_LINUX);
	/* Linux powers off after asking the secure domain to quit: a run that
	 * ends with a domain still blocked is a failure, not the end. */
	assert_false(hv_config.idle_end);
}

static void linux_domain_sizes(void **state)
{
	(void)state;
	doms[1].mem_size = REFHV_LINUX_MEM_MIN - (1u << 20);
	refused(PV_EINVAL, "domain 1 (linux): a Linux domain needs whole MiB");
	doms[1].mem_size = REFHV_LINUX_MEM_MAX + (1u << 20);
	refused(PV_EINVAL, "domain 1 (linux): a Linux domain needs whole MiB");
	doms[1].mem_size = (32u << 20) + 0x1000u;
	refused(PV_EINVAL, "domain 1 (linux): a Linux domain needs whole MiB");
	doms[1].mem_size = 32u << 20;
	doms[1].mem_base += 0x1000u;
	refused(PV_EINVAL, "domain 1 (linux): a Linux domain needs whole MiB");
	/* The bounds themselves are accepted (where RAM has room). */
	doms[1].mem_base -= 0x1000u;
	doms[1].mem_size = REFHV_LINUX_MEM_MIN;
	assert_int_equal(hv_config_check(&cfg, msg, sizeof msg), 0);
}

static void kind_and_image_go_together(void **state)
{
	(void)state;
	doms[1].image = HV_IMAGE_RICH; /* a small image in a Linux domain */
	refused(PV_EINVAL, "domain 1 (linux): a Linux image needs the Linux kind");
	doms[1].image = HV_IMAGE_LINUX;
	doms[0].image = HV_IMAGE_LINUX; /* a kernel in a small domain */
	refused(PV_EINVAL, "domain 0 (secure): a Linux image needs the Linux kind");
	doms[0].image = HV_IMAGE_SECURE;
	doms[0].kind = HV_KIND_LINUX; /* the Linux layout for a small image */
	refused(PV_EINVAL, "domain 0 (secure): a Linux image needs the Linux kind");
	doms[0].kind = (enum hv_dom_kind)7;
	refused(PV_EINVAL, "domain 0 (secure): unknown kind");
}

static void small_domain_stays_one_mib(void **state)
{
	(void)state;
	doms[2].mem_size = 32u << 20; /* only the Linux kind may be bigger */
	refused(PV_EINVAL, "domain 2 (attacker): memory must be 1 MiB");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(shipped_linux_config_accepted, setup),
		cmocka_unit_test_setup(linux_domain_sizes, setup),
		cmocka_unit_test_setup(kind_and_image_go_together, setup),
		cmocka_unit_test_setup(small_domain_stays_one_mib, setup),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}

#include <criterion/criterion.h>

#include "sim/load/quantity.h"

static int64_t milli(const char *s)
{
	int64_t v = -1;
	const char *why = NULL;
	cr_assert_eq(quantity_milli(s, &v, &why), 0, "%s rejected: %s", s, why);
	return v;
}

static int64_t value(const char *s)
{
	int64_t v = -1;
	const char *why = NULL;
	cr_assert_eq(quantity_value(s, &v, &why), 0, "%s rejected: %s", s, why);
	return v;
}

static const char *rejected(const char *s)
{
	int64_t v;
	const char *why = NULL;
	cr_assert_neq(quantity_milli(s, &v, &why), 0, "%s accepted as %lld", s, (long long)v);
	return why;
}

Test(quantity, plain_and_milli_cpu)
{
	cr_assert_eq(milli("4"), 4000);
	cr_assert_eq(milli("4000m"), 4000);
	cr_assert_eq(milli("0.5"), 500);
	cr_assert_eq(milli("64000m"), 64000);
	cr_assert_eq(milli("+2"), 2000);
	cr_assert_eq(milli("0"), 0);
}

Test(quantity, binary_and_decimal_memory)
{
	cr_assert_eq(value("16Gi"), 16LL << 30);
	cr_assert_eq(value("16384Mi"), 16LL << 30);
	cr_assert_eq(value("0.5Gi"), 1LL << 29);
	cr_assert_eq(value("1G"), 1000000000);
	cr_assert_eq(value("1k"), 1000);
	cr_assert_eq(value("1e3"), 1000);
	cr_assert_eq(value("1.5E2"), 150);
	cr_assert_eq(value("2E"), 2000000000000000000LL);
}

Test(quantity, rounds_up_like_kubernetes)
{
	cr_assert_eq(value("100m"), 1);
	cr_assert_eq(milli("1n"), 1);
	cr_assert_eq(value("1500m"), 2);
	cr_assert_eq(milli("0.0001"), 1);
}

Test(quantity, rejects_bad_input)
{
	cr_assert_str_eq(rejected("-4"), "negative quantity");
	cr_assert_not_null(strstr(rejected("4 cores"), "suffix"));
	cr_assert_not_null(strstr(rejected("4GB"), "suffix"));
	cr_assert_not_null(strstr(rejected(""), "expected a number"));
	cr_assert_not_null(strstr(rejected("abc"), "expected a number"));
	cr_assert_str_eq(rejected("99999999999999999999999"), "too many digits");
	cr_assert_str_eq(rejected("9E"), "quantity too large");
	cr_assert_str_eq(rejected("1e30"), "quantity too large");
	cr_assert_not_null(strstr(rejected("1e3x"), "exponent"));
}

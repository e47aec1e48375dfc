/* A Kubernetes quantity ("4", "4000m", "16Gi", "1e3"), both ways simon reads them. */
#include <stdlib.h>
#include <string.h>

#include "sim/load/quantity.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	int64_t v;
	const char *why;
	quantity_milli(text, &v, &why);
	quantity_value(text, &v, &why);
	free(text);
	return 0;
}

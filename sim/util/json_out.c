#include "sim/util/json_out.h"

#include <math.h>
#include <stdlib.h>

int json_write(FILE *f, cJSON *root, bool pretty)
{
	char *text = root ? (pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root)) : NULL;
	cJSON_Delete(root);
	if (!text)
		return -1;
	fprintf(f, "%s\n", text);
	free(text);
	return 0;
}

double round6(double v)
{
	return isfinite(v) ? round(v * 1e6) / 1e6 : v;
}

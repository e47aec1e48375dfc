#include "sim/json_out.h"

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

/* quantity.h — Kubernetes resource quantities ("4", "4000m", "0.5", "16Gi", "1G", "1e3").
 *
 * Parsing is exact integer arithmetic: the result is the quantity in thousandths
 * (MilliValue) or in whole units (Value), rounded up as Kubernetes rounds.  Negative
 * values, unknown suffixes and values past int64 are errors: *why names the problem.
 */
#ifndef SIMON_QUANTITY_H
#define SIMON_QUANTITY_H

#include <stdint.h>

int quantity_milli(const char *text, int64_t *milli, const char **why);
int quantity_value(const char *text, int64_t *value, const char **why);

#endif

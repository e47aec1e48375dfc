/* priority_order.h — PrioritySort's order, which Coscheduling sorts by too. */
#ifndef SIMON_PRIORITY_ORDER_H
#define SIMON_PRIORITY_ORDER_H

#include "sim/plugin/queue_sort.h"

extern const struct queue_sort_ops priority_order;

#endif

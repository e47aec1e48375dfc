/* clock.h — seconds on the monotonic clock, for the wall times simon reports (never in results). */
#ifndef SIMON_CLOCK_H
#define SIMON_CLOCK_H

double clock_seconds(void);

#endif

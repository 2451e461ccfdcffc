/** A pool thread whose setup throws while loading (a missing build, a bad import). */
throw new Error('broken setup: this thread cannot load');

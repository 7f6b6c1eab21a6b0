// The cold-start floor: a process that imports nothing.

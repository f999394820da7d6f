"""Source maps: from byte offsets and pointers to lines and columns."""

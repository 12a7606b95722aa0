"""Checks and figures over the 网民留言 board (columns of category `interaction`)."""

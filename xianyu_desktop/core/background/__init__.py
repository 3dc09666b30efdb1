"""Running without the window: starting at login (``autostart``) and the operating system's scheduler
running ``watch poll`` (``schedule``, ``schedulers``). What each OS is given is built by pure functions,
tested on every OS; installing it is guarded by ``sys.platform``."""

import sys

from xianyu_desktop.cli import main

sys.exit(main())

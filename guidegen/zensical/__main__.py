import sys

from guidegen.zensical.adapter import main

sys.exit(main(sys.argv[1:]))

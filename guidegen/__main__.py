import sys

from guidegen.cli import main

sys.exit(main())

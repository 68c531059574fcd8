from redaktion.cli import main

raise SystemExit(main())

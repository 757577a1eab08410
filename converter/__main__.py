from converter.app.cli import main

raise SystemExit(main())

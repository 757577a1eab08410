from converter.app.start import main

raise SystemExit(main())

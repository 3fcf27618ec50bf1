from honolint.cli import main

main()

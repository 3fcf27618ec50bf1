from honolint.entry import main

main()

from honolint.entry import console_script

console_script()

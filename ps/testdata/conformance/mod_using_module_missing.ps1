using module NoSuchModule
"this line never runs: the module is resolved before the script starts"

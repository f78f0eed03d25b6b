$private:secret = 'p'
function Peek { "peek [$secret]" }
Peek
"here [$secret]"
function Own { $private:mine = 1; "own [$mine]"; & { "child [$mine]" } }
Own

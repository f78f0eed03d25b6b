"this line never runs: the script has a parse error"
using namespace System.Text

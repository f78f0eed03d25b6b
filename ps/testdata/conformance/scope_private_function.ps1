function private:Hidden { 'hidden ran' }
Hidden
function Caller { try { Hidden } catch { 'private function not visible' } }
Caller

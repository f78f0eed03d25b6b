function Leave { 'leaving'; exit 4; 'not reached' }
'before'
Leave
'not reached either'

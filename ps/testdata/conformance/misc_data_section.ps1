$msgs = data { @{ Hello = 'Hi'; Bye = 'See you' } }
$msgs.Hello
data texts { 'one'; 'two' }
$texts -join ','

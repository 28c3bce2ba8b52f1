STOP = {
'en': "the of and to a in is it that for on was with as be by at this are from or have an not but his her they you we he she i my our your their its has had were been will would can could which who what when there all if so no do does did about into than them then also more some out up one just these those other any only may after over".split(),
'de': "der die das und in zu den von mit ist des sich im nicht dem ein eine auf für es auch an als bei sind wird werden hat war wie nach aus oder aber noch vor zur zum so einer eines sie er wir ich man nur wenn dass über um am einem haben schon kann durch ihre sein".split(),
'fr': "le la les de des du et en un une est que qui pour dans sur pas par au aux il elle ne se ce son sa ses plus avec sont ou mais nous vous ils on été être leur cette comme tout fait été aussi où si même entre".split(),
'es': "el la los las de del y en un una es que por con para se no su sus al lo como más pero le ha fue son está este esta entre sobre también o muy sin hay cuando donde todo ya ser han nos".split(),
'it': "il lo la i gli le di del della dei delle e è un una che per con non si da al alla in sono come ma anche più nel nella ha questo questa dal sul suo sua loro essere stato era o se tra".split(),
'pt': "o a os as de do da dos das e em um uma que para com não se por no na nos nas ao à é são foi mais mas como seu sua ele ela isso este esta entre também pelo pela ou já muito".split(),
'nl': "de het een en van in is dat op te voor met zijn niet die aan er als ook om bij door maar naar dan of uit worden wordt heeft hebben was werd nog wel over zo deze dit je we ze hij".split(),
'pl': "i w na z do się nie jest to że o jak po dla od za co ale przez jego tym są oraz może być tak już tylko jej ich który która które jako czy przy tego".split(),
'ru': "и в не на что с по к как это из у за от о так для но же то все его она он они был была было бы при мы вы уже или только еще если до когда".split(),
'sv': "och i att det som en på är av för med till den har de inte om ett var men så han hon vi kan från vid eller sig ska skulle också".split(),
}

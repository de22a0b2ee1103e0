/* 全站搜索 (issue 8): the search page's client. It searches the static index that `ssg build`
   writes under /search/ (or, when data/site.yaml names a search server, asks that server),
   and mirrors ssg/search/tokenize.py and ssg/search/engine.py step by step: the same tokens,
   the same integer scores, the same facets, suggestions and corrections.
   No outside script; results are built with DOM nodes (textContent), never from HTML. */
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  var input = document.getElementById("search-q");
  if (!app || !input || !window.fetch || !window.Map || !window.DecompressionStream && !app.dataset.server) { return; }
  var form = input.form;
  var list = document.getElementById("search-suggestions");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets");
  var note = document.getElementById("search-correction");
  var server = app.dataset.server || "";
  var indexUrl = app.dataset.index;
  var base = indexUrl.slice(0, indexUrl.lastIndexOf("/") + 1);

  var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}";
  var RUNS = new RegExp("([" + HAN + "]+)|([0-9a-z]+)", "gu");
  var HAN_ONLY = new RegExp("^[" + HAN + "]+$", "u");
  var MAX_LATIN = 40, MAX_QUERY = 200, PREFIX_MIN = 6;
  // White space in a typed prefix, as engine.SPACES: Python's and JavaScript's \s differ.
  var SPACES = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;
  var W_TEXT = 100, W_PINYIN = 90, W_INITIALS = 80;
  var PAGE_SIZE = 10, GROUP_SIZE = 3, FEW = 3, MOST_OF = 3, FIX_ANY_CHAR = 4, SNIPPET = 120, SUGGESTIONS = 8, LAST_OFFSET = 255;
  var P_TITLE = 60, P_KEYWORDS = 30, P_BODY = 10, P_BODY_OFTEN = 15, BONUS_TITLE = 40;
  var TYPE_WEIGHT = {service: 110, policy: 110, interpretation: 105, notice: 100, reply: 100,
    leader: 100, page: 100, news: 95};
  var INTENT_WEIGHT = 130;
  var INTENTS = [
    ["service", ["办理", "怎么办", "如何办", "申请", "办事", "指南", "材料", "申领"]],
    ["interpretation", ["解读", "图解", "问答", "答记者问"]],
    ["reply", ["答复", "留言", "投诉", "咨询", "信箱"]],
    ["notice", ["公告", "通告", "公示", "通知"]],
    ["policy", ["文件", "意见", "办法", "规定", "方案", "条例"]]];
  var INTENT_WORDS = new Set([].concat.apply([], INTENTS.map(function (i) { return i[1]; })));
  // Traditional → simplified, a pair of characters each (hant.folding_pairs: a test keeps
  // them the same): a query is folded one character for one before anything else.
  var FOLD_PAIRS =
    "㠏㟆㩜㨫䋙䌺䋻䌾䝼䞍䬗扬䯀䯅䰾鲃䱽䲝䲁鳚䶧咬丟丢並并亂乱亙亘亞亚佇伫佈布佔占併并來来侖仑侶侣侷局俁俣係系俔伣俠侠俬私倀伥倆俩倈俫倉仓個个們们倖幸倣仿倫伦偉伟側侧偵侦偽伪傑杰傖伧傘伞備备傢家傭佣傯偬傳传" +
    "傴伛債债傷伤傾倾僂偻僅仅僇戮僉佥僑侨僕仆僞伪僥侥僨偾僱雇價价儀仪儂侬億亿儈侩儉俭儐傧儔俦儕侪儘尽償偿優优儲储儷俪儸㑩儺傩儻傥儼俨兇凶兌兑兒儿兗兖內内兩两冊册冪幂凈净凍冻凜凛凱凯別别刪删剄刭則则剋克剎刹" +
    "剗刬剛刚剝剥剮剐剴剀創创剷铲劃划劇剧劉刘劊刽劌刿劍剑劏㓥劑剂劚㔉勁劲動动勗勖務务勛勋勝胜勞劳勢势勩勚勱劢勳勋勵励勸劝勻匀匭匦匯汇匱匮區区協协卹恤卻却厙厍厠厕厭厌厲厉厴厣參参叄叁叢丛吢吣吳吴吶呐呂吕咷啕" +
    "咼呙員员唄呗唚吣唸念問问啓启啞哑啟启啢唡喎㖞喚唤喨亮喪丧喫吃喬乔單单喲哟嗆呛嗇啬嗊唝嗎吗嗚呜嗩唢嗶哔嘆叹嘍喽嘔呕嘖啧嘗尝嘜唛嘩哗嘮唠嘯啸嘰叽嘵哓嘸呒嘽啴噓嘘噚㖊噝咝噠哒噥哝噦哕噯嗳噲哙噴喷噸吨噹当嚀咛" +
    "嚇吓嚌哜嚐尝嚕噜嚙啮嚥咽嚦呖嚨咙嚮向嚲亸嚳喾嚴严嚶嘤囀啭囁嗫囂嚣囅冁囈呓囉啰囍禧囑嘱囓啮囪囱圇囵國国圍围園园圓圆圖图團团垵埯埡垭埰采執执堅坚堊垩堖垴堝埚堯尧報报場场塊块塋茔塏垲塒埘塗涂塚冢塢坞塤埙塵尘" +
    "塹堑墊垫墜坠墮堕墳坟墻墙墾垦壇坛壋垱壎埙壓压壘垒壙圹壚垆壜坛壞坏壟垄壠垅壢坜壩坝壯壮壺壶壼壸壽寿夠够夢梦夾夹奐奂奧奥奩奁奪夺奬奖奮奋奼姹妝妆姍姗姦奸姪侄娛娱婁娄婦妇婭娅媧娲媯妫媼媪媽妈嫋袅嫗妪嫵妩嫻娴" +
    "嫿婳嬀妫嬈娆嬋婵嬌娇嬙嫱嬝袅嬡嫒嬤嬷嬪嫔嬰婴嬸婶孃娘孌娈孫孙學学孿孪宮宫寢寝實实寧宁審审寫写寬宽寵宠寶宝尅克將将專专尋寻對对導导尷尴屆届屍尸屓屃屜屉屢屡層层屨屦屬属岡冈峴岘島岛峽峡崍崃崑昆崗岗崙仑崢峥" +
    "崬岽嵐岚嶁嵝嶄崭嶇岖嶔嵚嶗崂嶠峤嶢峣嶧峄嶮崄嶴岙嶸嵘嶺岭嶼屿巋岿巒峦巔巅巖岩巰巯帥帅師师帳帐帶带幀帧幃帏幗帼幘帻幟帜幣币幫帮幬帱幹干幾几庫库廁厕廂厢廄厩廈厦廚厨廝厮廟庙廠厂廡庑廢废廣广廩廪廬庐廳厅廻回" +
    "弒弑弔吊弳弪張张強强彆别彈弹彌弥彎弯彙汇彞彝彥彦彿佛徑径從从徠徕復复徬彷徹彻恆恒恥耻悅悦悞悮悳德悵怅悶闷悽凄惡恶惱恼惲恽惻恻愛爱愜惬愨悫愴怆愷恺愾忾慄栗慇殷態态慍愠慘惨慚惭慟恸慣惯慤悫慪怄慫怂慮虑慳悭" +
    "慶庆慼戚慾欲憂忧憊惫憐怜憑凭憒愦憚惮憤愤憫悯憮怃憲宪憶忆懃勤懇恳應应懌怿懍懔懞蒙懟怼懣懑懨恹懮忧懲惩懶懒懷怀懸悬懺忏懼惧懾慑戀恋戇戆戔戋戧戗戩戬戰战戱戯戲戏戶户拋抛挩捝挾挟捨舍捫扪捲卷掃扫掄抡掗挜掙挣" +
    "掛挂採采揀拣揚扬換换揮挥搆构損损搖摇搗捣搥捶搧扇搨拓搵揾搶抢搾榨摀捂摑掴摜掼摟搂摯挚摳抠摶抟摻掺撈捞撏挦撐撑撓挠撚捻撝㧑撟挢撢掸撣掸撥拨撫抚撲扑撳揿撻挞撾挝撿捡擁拥擄掳擇择擊击擋挡擓㧟擔担據据擠挤擣捣" +
    "擬拟擯摈擰拧擱搁擲掷擴扩擷撷擺摆擻擞擼撸擾扰攄摅攆撵攏拢攔拦攖撄攙搀攛撺攜携攝摄攢攒攣挛攤摊攪搅攬揽敗败敘叙敵敌數数斂敛斃毙斕斓斬斩斷断昇升時时晉晋晝昼暈晕暉晖暘旸暢畅暫暂暱昵曄晔曆历曇昙曉晓曏向曖暧" +
    "曠旷曨昽曬晒書书會会朧胧東东枒丫柵栅桿杆梔栀梘枧條条梟枭梲棁棄弃棖枨棗枣棟栋棧栈棲栖棶梾椏桠楊杨楓枫楨桢業业極极榖谷榪杩榮荣榲榅榿桤構构槍枪槓杠槖橐槤梿槧椠槨椁槳桨樁桩樂乐樅枞樑梁樓楼標标樞枢樣样樸朴" +
    "樹树樺桦橈桡橋桥機机橢椭橫横檁檩檉柽檔档檜桧檝楫檟槚檢检檣樯檮梼檯台檳槟檸柠檻槛櫃柜櫓橹櫚榈櫛栉櫝椟櫞橼櫟栎櫥橱櫧槠櫨栌櫪枥櫫橥櫬榇櫱蘖櫳栊櫸榉櫺棂櫻樱欄栏權权欏椤欒栾欖榄欞棂欵款欽钦歎叹歐欧歛敛歟欤" +
    "歡欢歲岁歷历歸归歿殁殘残殞殒殤殇殨㱮殫殚殮殓殯殡殰㱩殲歼殺杀殼壳毀毁毆殴毬球毿毵氂牦氈毡氌氇氣气氫氢氬氩氳氲氹凼氾泛汎泛汙污決决沍冱沒没沖冲況况洩泄洶汹浹浃涇泾涼凉淒凄淚泪淥渌淨净淪沦淵渊淶涞淺浅渙涣" +
    "減减渦涡測测渾浑湊凑湞浈湧涌湯汤溈沩準准溝沟溫温溼湿滄沧滅灭滌涤滎荥滬沪滯滞滲渗滷卤滸浒滻浐滾滚滿满漁渔漚沤漢汉漣涟漬渍漲涨漵溆漸渐漿浆潁颍潑泼潔洁潙沩潛潜潤润潯浔潰溃潷滗潿涠澀涩澆浇澇涝澗涧澠渑澤泽" +
    "澦滪澩泶澮浍澱淀濁浊濃浓濕湿濘泞濟济濤涛濫滥濬浚濰潍濱滨濺溅濼泺濾滤瀅滢瀆渎瀇㲿瀉泻瀋沈瀏浏瀕濒瀘泸瀝沥瀟潇瀠潆瀦潴瀧泷瀨濑瀰弥瀲潋瀾澜灃沣灄滠灑洒灕漓灘滩灝灏灠漤灣湾灤滦灧滟災灾為为烏乌烴烃無无煉炼" +
    "煒炜煙烟煢茕煥焕煩烦煬炀煱㶽熅煴熒荧熗炝熱热熲颎熾炽燁烨燄焰燈灯燉炖燐磷燒烧燙烫燜焖營营燦灿燬毁燭烛燴烩燶㶶燻熏燼烬燾焘燿耀爍烁爐炉爛烂爭争爲为爺爷爾尔牀床牆墙牋笺牘牍牽牵犖荦犢犊犧牺狀状狹狭狽狈猙狰" +
    "猶犹猻狲獁犸獃呆獄狱獅狮獎奖獨独獪狯獫猃獮狝獰狞獱㺍獲获獵猎獷犷獸兽獺獭獻献獼猕玀猡現现琺珐琿珲瑋玮瑒玚瑣琐瑤瑶瑩莹瑪玛瑯琅瑲玱璉琏璣玑璦瑷璫珰環环璽玺瓊琼瓏珑瓔璎瓚瓒甌瓯甕瓮產产産产畝亩畢毕畫画異异" +
    "當当疇畴疊叠痀佝痙痉痠酸痾疴瘂痖瘋疯瘍疡瘓痪瘞瘗瘡疮瘧疟瘮瘆瘲疭瘺瘘瘻瘘療疗癆痨癇痫癉瘅癒愈癘疠癟瘪癡痴癢痒癤疖癥症癧疬癩癞癬癣癭瘿癮瘾癰痈癱瘫癲癫發发皁皂皚皑皰疱皸皲皺皱盃杯盜盗盞盏盡尽監监盤盘盧卢" +
    "盪荡眞真眥眦眾众睏困睜睁睞睐睪睾瞇眯瞘眍瞜䁖瞞瞒瞭了瞶瞆瞼睑矓眬矚瞩矯矫砲炮硏研硜硁硤硖硨砗硯砚碩硕碭砀碸砜確确碼码磑硙磚砖磣碜磧碛磯矶磽硗礆硷礎础礙碍礡礴礦矿礪砺礫砾礬矾礮炮礱砻祕秘祿禄禍祸禎祯禕祎" +
    "禡祃禦御禪禅禮礼禰祢禱祷禿秃秈籼稅税稈秆稏䅉稜棱稟禀種种稱称穀谷穌稣積积穎颖穠秾穡穑穢秽穩稳穫获穭稆窩窝窪洼窮穷窯窑窵窎窶窭窺窥竄窜竅窍竇窦竈灶竊窃竪竖競竞筆笔筍笋筧笕筴䇲箇个箋笺箎篪箏筝節节範范築筑" +
    "篋箧篔筼篤笃篩筛篳筚簀箦簆筘簍篓簞箪簡简簣篑簫箫簷檐簹筜簽签簾帘籃篮籌筹籐藤籙箓籜箨籟籁籠笼籤签籩笾籪簖籬篱籮箩籲吁粧妆粵粤糝糁糞粪糧粮糰团糲粝糴籴糶粜糹纟糾纠紀纪紂纣約约紅红紆纡紇纥紈纨紉纫紋纹納纳" +
    "紐纽紓纾純纯紕纰紖纼紗纱紘纮紙纸級级紛纷紜纭紝纴紡纺紬䌷紮扎細细紱绂紲绁紳绅紵纻紹绍紺绀紼绋紿绐絀绌終终絃弦組组絅䌹絆绊絎绗結结絕绝絛绦絝绔絞绞絡络絢绚給给絨绒絰绖統统絲丝絳绛絶绝絹绢綁绑綃绡綆绠綈绨" +
    "綉绣綌绤綏绥綐䌼綑捆經经綜综綞缍綠绿綢绸綣绻綫线綬绶維维綯绹綰绾綱纲網网綳绷綴缀綵彩綸纶綹绺綺绮綻绽綽绰綾绫綿绵緄绲緇缁緊紧緋绯緑绿緒绪緓绬緔绱緗缃緘缄緙缂線线緝缉緞缎締缔緡缗緣缘緦缌編编緩缓緬缅緯纬" +
    "緱缑緲缈練练緶缏緹缇緻致縈萦縉缙縊缢縋缒縐绉縑缣縕缊縗缞縛缚縝缜縞缟縟缛縣县縧绦縫缝縭缡縮缩縱纵縲缧縳䌸縴纤縵缦縶絷縷缕縹缥總总績绩繃绷繅缫繆缪繒缯織织繕缮繚缭繞绕繡绣繢缋繩绳繪绘繫系繭茧繮缰繯缳繰缲" +
    "繳缴繸䍁繹绎繼继繽缤繾缱繿䍀纈缬纊纩續续纍累纏缠纓缨纔才纖纤纘缵纜缆缽钵罈坛罌罂罎坛罣挂罰罚罵骂罷罢羅罗羆罴羈羁羋芈羣群羥羟羨羡義义羶膻習习翫玩翹翘翺翱耬耧耮耢聖圣聞闻聯联聰聪聲声聳耸聵聩聶聂職职聹聍" +
    "聽听聾聋肅肃脅胁脈脉脛胫脣唇脫脱脹胀腎肾腖胨腡脶腦脑腫肿腳脚腸肠膃腽膚肤膠胶膩腻膽胆膾脍膿脓臉脸臍脐臏膑臘腊臚胪臟脏臠脔臢臜臥卧臨临臺台與与興兴舉举舊旧舖铺艙舱艤舣艦舰艫舻艱艰艷艳芻刍苧苎茲兹荊荆荳豆" +
    "莊庄莖茎莢荚莧苋菓果華华萇苌萊莱萬万萵莴葉叶葒荭葤荮葦苇葯药葷荤蒐搜蒓莼蒔莳蒞莅蒼苍蓀荪蓆席蓋盖蓮莲蓯苁蓽荜蔔卜蔞蒌蔣蒋蔥葱蔦茑蔭荫蔴麻蕁荨蕆蒇蕎荞蕒荬蕓芸蕕莸蕘荛蕢蒉蕩荡蕪芜蕭萧蕷蓣薀蕰薈荟薊蓟薌芗" +
    "薑姜薔蔷薘荙薟莶薦荐薩萨薳䓕薴苧薺荠藍蓝藎荩藝艺藥药藪薮藴蕴藶苈藷薯藹蔼藺蔺蘄蕲蘆芦蘇苏蘊蕴蘋苹蘚藓蘞蔹蘢茏蘭兰蘺蓠蘿萝虆蔂處处虛虚虜虏號号虧亏虯虬蛺蛱蛻蜕蜆蚬蝕蚀蝟猬蝦虾蝨虱蝸蜗螄蛳螞蚂螢萤螮䗖螻蝼" +
    "螿螀蟄蛰蟈蝈蟎螨蟣虮蟬蝉蟯蛲蟲虫蟶蛏蟻蚁蠅蝇蠆虿蠍蝎蠐蛴蠑蝾蠔蚝蠟蜡蠣蛎蠧蠹蠨蟏蠱蛊蠶蚕蠻蛮衆众衊蔑術术衚胡衛卫衝冲袞衮袴绔裊袅裏里補补裝装裡里製制複复褌裈褘袆褲裤褳裢褸褛褻亵襇裥襏袯襖袄襝裣襠裆襤褴" +
    "襪袜襬䙓襯衬襲袭覈核見见覎觃規规覓觅視视覘觇覡觋覥觍覦觎親亲覬觊覯觏覲觐覷觑覺觉覽览覿觌觀观觴觞觶觯觸触訁讠訂订訃讣計计訊讯訌讧討讨訐讦訒讱訓训訕讪訖讫託托記记訛讹訝讶訟讼訢䜣訣诀訥讷訩讻訪访設设許许" +
    "訴诉訶诃診诊註注証证詁诂詆诋詎讵詐诈詒诒詔诏評评詖诐詗诇詘诎詛诅詞词詠咏詡诩詢询詣诣試试詩诗詫诧詬诟詭诡詮诠詰诘話话該该詳详詵诜詼诙詿诖誄诔誅诛誆诓誇夸誌志認认誑诳誒诶誕诞誘诱誚诮語语誠诚誡诫誣诬誤误" +
    "誥诰誦诵誨诲說说説说誰谁課课誶谇誹诽誼谊誾訚調调諂谄諄谆談谈諉诿請请諍诤諏诹諑诼諒谅論论諗谂諛谀諜谍諝谞諞谝諡谥諢诨諤谔諦谛諧谐諫谏諭谕諮谘諱讳諳谙諶谌諷讽諸诸諺谚諼谖諾诺謀谋謁谒謂谓謄誊謅诌謊谎謎谜" +
    "謐谧謔谑謖谡謗谤謙谦謚谥講讲謝谢謠谣謡谣謨谟謫谪謬谬謭谫謳讴謹谨謾谩譁哗譅䜧證证譎谲譏讥譖谮識识譙谯譚谭譜谱譟噪譫谵譯译議议譴谴護护譸诪譽誉譾谫讀读變变讌䜩讎雠讒谗讓让讕谰讖谶讚赞讜谠讞谳豈岂豎竖豐丰" +
    "豔艳豬猪豶豮貍狸貓猫貙䝙貝贝貞贞貟贠負负財财貢贡貧贫貨货販贩貪贪貫贯責责貯贮貰贳貲赀貳贰貴贵貶贬買买貸贷貺贶費费貼贴貽贻貿贸賀贺賁贲賂赂賃赁賄贿賅赅資资賈贾賊贼賑赈賒赊賓宾賕赇賙赒賚赉賜赐賞赏賠赔賡赓" +
    "賢贤賣卖賤贱賦赋賧赕質质賫赍賬账賭赌賰䞐賴赖賵赗賸剩賺赚賻赙購购賽赛賾赜贄贽贅赘贇赟贈赠贊赞贋赝贍赡贏赢贐赆贓赃贔赑贖赎贗赝贛赣贜赃赬赪趕赶趙赵趨趋趲趱跡迹跼局踐践踡蜷踰逾踴踊蹌跄蹕跸蹟迹蹣蹒蹤踪蹧糟" +
    "蹺跷躂跶躉趸躊踌躋跻躍跃躑踯躒跞躓踬躕蹰躚跹躡蹑躥蹿躦躜躪躏軀躯車车軋轧軌轨軍军軑轪軒轩軔轫軛轭軟软軤轷軫轸軲轱軸轴軹轵軺轺軻轲軼轶軾轼較较輅辂輇辁輈辀載载輊轾輒辄輓挽輔辅輕轻輛辆輜辎輝辉輞辋輟辍輥辊" +
    "輦辇輩辈輪轮輬辌輯辑輳辏輸输輻辐輾辗輿舆轀辒轂毂轄辖轅辕轆辘轉转轍辙轎轿轔辚轝舆轟轰轡辔轢轹轤轳辦办辭辞辮辫辯辩農农迴回逕迳這这連连週周進进遊游運运過过達达違违遙遥遜逊遞递遠远適适遯遁遲迟遷迁選选遺遗" +
    "遼辽邁迈還还邇迩邊边邏逻邐逦郟郏郵邮鄆郓鄉乡鄒邹鄔邬鄖郧鄧邓鄭郑鄰邻鄲郸鄴邺鄶郐鄺邝酇酂酈郦醃腌醖酝醜丑醞酝醫医醬酱醱酦醼宴釀酿釁衅釃酾釅酽釋释釐厘釒钅釓钆釔钇釕钌釗钊釘钉釙钋針针釣钓釤钐釦扣釧钏釩钒" +
    "釵钗釷钍釹钕釺钎鈀钯鈁钫鈃钘鈄钭鈈钚鈉钠鈍钝鈎钩鈐钤鈑钣鈒钑鈔钞鈕钮鈞钧鈣钙鈥钬鈦钛鈧钪鈮铌鈰铈鈳钶鈴铃鈷钴鈸钹鈹铍鈺钰鈽钸鈾铀鈿钿鉀钾鉅钜鉈铊鉉铉鉋铇鉍铋鉑铂鉕钷鉗钳鉚铆鉛铅鉞钺鉢钵鉤钩鉦钲鉬钼鉭钽" +
    "鉶铏鉸铰鉺铒鉻铬鉿铪銀银銃铳銅铜銍铚銑铣銓铨銖铢銘铭銚铫銛铦銜衔銠铑銣铷銥铱銦铟銨铵銩铥銪铕銫铯銬铐銱铞銲焊銳锐銷销銹锈銻锑銼锉鋁铝鋃锒鋅锌鋇钡鋌铤鋏铗鋒锋鋙铻鋝锊鋟锓鋣铘鋤锄鋥锃鋦锔鋨锇鋩铓鋪铺鋭锐" +
    "鋮铖鋯锆鋰锂鋱铽鋶锍鋸锯鋼钢錁锞錄录錆锖錇锫錈锩錏铔錐锥錒锕錕锟錘锤錙锱錚铮錛锛錟锬錠锭錡锜錢钱錦锦錨锚錩锠錫锡錮锢錯错録录錳锰錶表錸铼鍀锝鍁锨鍃锪鍆钔鍇锴鍈锳鍊炼鍋锅鍍镀鍔锷鍘铡鍚钖鍛锻鍠锽鍤锸鍥锲" +
    "鍩锘鍬锹鍰锾鍵键鍶锶鍺锗鍾钟鎂镁鎄锿鎇镅鎊镑鎔镕鎖锁鎗枪鎘镉鎚锤鎛镈鎡镃鎢钨鎣蓥鎦镏鎧铠鎩铩鎪锼鎬镐鎮镇鎰镒鎲镋鎳镍鎵镓鎸镌鎿镎鏃镞鏇镟鏈链鏌镆鏍镙鏐镠鏑镝鏗铿鏘锵鏜镗鏝镘鏞镛鏟铲鏡镜鏢镖鏤镂鏨錾鏰镚" +
    "鏵铧鏷镤鏹镪鏽锈鐃铙鐋铴鐐镣鐒铹鐓镦鐔镡鐘钟鐙镫鐝镢鐠镨鐦锎鐧锏鐨镄鐫镌鐮镰鐲镯鐳镭鐵铁鐶镮鐸铎鐺铛鐿镱鑄铸鑊镬鑌镔鑑鉴鑒鉴鑔镲鑕锧鑞镴鑠铄鑣镳鑥镥鑭镧鑰钥鑱镵鑲镶鑷镊鑹镩鑼锣鑽钻鑾銮鑿凿钁䦆長长門门" +
    "閂闩閃闪閆闫閈闬閉闭開开閌闶閎闳閏闰閑闲閒闲間间閔闵閘闸閡阂関关閣阁閥阀閧哄閨闺閩闽閫阃閬阆閭闾閱阅閲阅閶阊閹阉閻阎閼阏閽阍閾阈閿阌闃阒闆板闇暗闈闱闊阔闋阕闌阑闍阇闐阗闒阘闓闿闔阖闕阙闖闯闘斗關关闞阚" +
    "闠阓闡阐闢辟闤阛闥闼阨厄陘陉陝陕陞升陣阵陰阴陳陈陸陆陽阳隄堤隉陧隊队階阶隕陨際际隨随險险隱隐隴陇隸隶隻只雋隽雖虽雙双雛雏雜杂雞鸡離离難难雲云電电霑沾霢霡霧雾霽霁靂雳靄霭靈灵靚靓靜静靦腼靨靥靷纼鞀鼗鞏巩" +
    "鞝绱鞽鞒韁缰韃鞑韉鞯韋韦韌韧韍韨韓韩韙韪韜韬韞韫韮韭韻韵響响頁页頂顶頃顷項项順顺頇顸須须頊顼頌颂頎颀頏颃預预頑顽頒颁頓顿頗颇領领頜颌頡颉頤颐頦颏頭头頮颒頰颊頲颋頴颕頷颔頸颈頹颓頻频頽颓顆颗題题額额顎颚" +
    "顏颜顒颙顓颛顔颜願愿顙颡顛颠類类顢颟顥颢顧顾顫颤顬颥顯显顰颦顱颅顳颞顴颧風风颭飐颮飑颯飒颱台颳刮颶飓颸飔颺飏颻飖颼飕飀飗飄飘飆飙飈飚飛飞飠饣飢饥飣饤飥饦飩饨飪饪飫饫飭饬飯饭飲饮飴饴飼饲飽饱飾饰飿饳餃饺" +
    "餄饸餅饼餉饷養养餌饵餎饹餏饻餑饽餒馁餓饿餕馂餖饾餘余餚肴餛馄餜馃餞饯餡馅館馆餬糊餱糇餳饧餵喂餶馉餷馇餺馎餼饩餽馈餾馏餿馊饁馌饃馍饅馒饈馐饉馑饊馓饋馈饌馔饑饥饒饶饗飨饜餍饞馋饢馕馬马馭驭馮冯馱驮馳驰馴驯" +
    "馹驲駁驳駐驻駑驽駒驹駔驵駕驾駘骀駙驸駛驶駝驼駟驷駡骂駢骈駭骇駰骃駱骆駸骎駿骏騁骋騂骍騅骓騌骔騍骒騎骑騏骐騖骛騙骗騤骙騧䯄騫骞騭骘騮骝騰腾騶驺騷骚騸骟騾骡驀蓦驁骜驂骖驃骠驄骢驅驱驊骅驌骕驍骁驏骣驕骄驗验" +
    "驚惊驛驿驟骤驢驴驤骧驥骥驦骦驪骊驫骉骯肮髏髅髒脏體体髕髌髖髋髮发鬀剃鬆松鬍胡鬚须鬢鬓鬥斗鬧闹鬨哄鬩阋鬭斗鬮阄鬱郁魎魉魘魇魚鱼魛鱽魢鱾魨鲀魯鲁魴鲂魷鱿魺鲄鮁鲅鮃鲆鮊鲌鮋鲉鮍鲏鮎鲇鮐鲐鮑鲍鮒鲋鮓鲊鮚鲒鮜鲘" +
    "鮝鲞鮞鲕鮦鲖鮪鲔鮫鲛鮭鲑鮮鲜鮳鲓鮶鲪鮺鲝鯀鲧鯁鲠鯇鲩鯉鲤鯊鲨鯒鲬鯔鲻鯕鲯鯖鲭鯛鲷鯝鲴鯡鲱鯢鲵鯤鲲鯧鲳鯨鲸鯪鲮鯫鲰鯰鲶鯴鲺鯷鳀鯽鲫鯿鳊鰁鳈鰂鲗鰃鳂鰈鲽鰉鳇鰍鳅鰏鲾鰐鳄鰒鳆鰓鳃鰜鳒鰟鳑鰠鳋鰣鲥鰥鳏鰨鳎鰩鳐" +
    "鰭鳍鰮鳁鰱鲢鰲鳌鰳鳓鰵鳘鰷鲦鰹鲣鰺鲹鰻鳗鰼鳛鰾鳔鱂鳉鱅鳙鱈鳕鱉鳖鱒鳟鱔鳝鱖鳜鱗鳞鱘鲟鱝鲼鱟鲎鱠鲙鱣鳣鱤鳡鱧鳢鱨鲿鱭鲚鱯鳠鱷鳄鱸鲈鱺鲡鳥鸟鳧凫鳩鸠鳬凫鳲鸤鳳凤鳴鸣鳶鸢鳾䴓鴆鸩鴇鸨鴉鸦鴒鸰鴕鸵鴛鸳鴝鸲鴞鸮" +
    "鴟鸱鴣鸪鴦鸯鴨鸭鴯鸸鴰鸹鴴鸻鴷䴕鴻鸿鴿鸽鵁䴔鵂鸺鵃鸼鵐鹀鵑鹃鵒鹆鵓鹁鵜鹈鵝鹅鵠鹄鵡鹉鵪鹌鵬鹏鵮鹐鵯鹎鵲鹊鵷鹓鵾鹍鶄䴖鶇鸫鶉鹑鶊鹒鶓鹋鶖鹙鶘鹕鶚鹗鶡鹖鶥鹛鶩鹜鶪䴗鶬鸧鶯莺鶲鹟鶴鹤鶹鹠鶺鹡鶻鹘鶼鹣鷀鹚鷁鹢" +
    "鷂鹞鷄鸡鷈䴘鷊鹝鷓鹧鷖鹥鷗鸥鷙鸷鷚鹨鷥鸶鷦鹪鷫鹔鷯鹩鷲鹫鷳鹇鷸鹬鷹鹰鷺鹭鷽鸴鷿䴙鸂㶉鸇鹯鸌鹱鸏鹲鸕鸬鸘鹴鸚鹦鸛鹳鸝鹂鸞鸾鹵卤鹹咸鹺鹾鹼碱鹽盐麗丽麤粗麥麦麩麸麯曲麵面麼么黃黄黌黉點点黨党黲黪黴霉黶黡黷黩" +
    "黽黾黿鼋鼇鳌鼈鳖鼉鼍鼕冬鼴鼹齊齐齋斋齎赍齏齑齒齿齔龀齕龁齗龂齙龅齜龇齟龃齠龆齡龄齣出齦龈齧啮齩咬齪龊齬龉齲龋齶腭齷龌龍龙龎厐龐庞龔龚龕龛龜龟";
  var FOLD = new Map();
  for (var fi = 0; fi < FOLD_PAIRS.length; fi += 2) { FOLD.set(FOLD_PAIRS[fi], FOLD_PAIRS[fi + 1]); }
  function fold(text) {
    var found = "";
    for (var c of text) { found += FOLD.get(c) || c; }
    return found;
  }
  var TYPE_LABELS = {policy: "政策文件", interpretation: "政策解读", service: "办事指南",
    notice: "通知公告", news: "政务动态", reply: "留言答复", leader: "负责人信息", page: "单页"};

  // --- loading -------------------------------------------------------------------------

  function inflate(buffer, json) {
    var bytes = new Uint8Array(buffer), done;
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {  // already inflated (a server's own gzip)
      done = Promise.resolve(bytes);
    } else {
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      done = new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
    }
    return done.then(function (b) { return json ? JSON.parse(new TextDecoder().decode(b)) : b; });
  }

  function fetched(url, options) {
    return fetch(url, options).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.arrayBuffer();
    });
  }

  var cache = new Map();
  function load(url, json) {  // a file named by its content: fetched once
    if (!cache.has(url)) {
      cache.set(url, fetched(url).then(function (buf) { return inflate(buf, json); }));
    }
    return cache.get(url);
  }
  var entryPromise = null, synonyms = [];
  function entry() {  // the entry has a fixed name: revalidated
    if (!entryPromise) {
      entryPromise = fetched(indexUrl, {cache: "no-cache"}).then(function (buf) { return inflate(buf, true); })
        .then(function (e) {
          e.syllableSet = new Set(e.syllables);
          e.stopRe = new RegExp(e.stop.join("|"), "g");
          synonyms = e.synonyms || [];
          return e;
        });
    }
    return entryPromise;
  }

  // --- tokenisation (tokenize.py, query side) ------------------------------------------

  // tokenize.normalise: NFKC only for a text with a character whose NFKC form holds a letter,
  // a digit or a Chinese character of its own (tokenize._needs_nfkc), else lower case only
  // (… stays …): the title offsets in the index are counted in what it gives.
  var RELEVANT = new RegExp("[0-9A-Za-z" + HAN + "]", "u");
  var nfkcNeeded = new Map();
  function needsNfkc(c) {
    var code = c.codePointAt(0);
    if (code < 0x80) { return false; }
    if (code > 0xffff) { return code >= 0x2f800 && code <= 0x2fa1f; }
    var known = nfkcNeeded.get(c);
    if (known === undefined) {
      var f = c.normalize("NFKC");
      known = f !== c && RELEVANT.test(f);
      nfkcNeeded.set(c, known);
    }
    return known;
  }
  function normalise(text) {
    for (var c of text) {
      if (needsNfkc(c)) { return text.normalize("NFKC").toLowerCase(); }
    }
    return text.toLowerCase();
  }
  function chars(text) { return Array.from(text); }
  function isHan(text) { return HAN_ONLY.test(text); }
  // Python orders strings by code point, JavaScript by UTF-16 unit: they differ where a
  // character beyond the BMP (𠀀, two units from U+D800) meets one from U+E000 on (﨎).
  function byPoints(a, b) {
    if (a === b) { return 0; }
    var x = chars(a), y = chars(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) { return x[i].codePointAt(0) - y[i].codePointAt(0); }
    }
    return x.length - y.length;
  }

  function runs(text) {
    var found = [], m;
    RUNS.lastIndex = 0;
    while ((m = RUNS.exec(text)) !== null) {
      found.push({text: m[0], start: m.index, end: m.index + m[0].length, han: m[1] !== undefined});
    }
    return found;
  }

  function latinTokens(word) {
    if (word.length > MAX_LATIN) { return []; }
    var tokens = [word];
    if (!/^[0-9]+$/.test(word) && !/^[a-z]+$/.test(word)) {
      (word.match(/[0-9]+|[a-z]+/g) || []).forEach(function (p) { if (p.length >= 2) { tokens.push(p); } });
    }
    return tokens;
  }

  // Pinyin typed a piece at a time (ying shang huan jing, shebao ka, y s h j): read run
  // together (tokenize.spaced_pinyin).
  function spacedPinyin(searched, parts, known) {
    if (parts.length < 2 || !/^[a-z \t\u3000]+$/.test(searched)) { return false; }
    if (parts.every(function (r) { return r.text.length === 1; })) { return true; }
    return parts.some(function (r) { return known.has(r.text); }) &&
      parts.every(function (r) { return segmentations(r.text, known, 1).length > 0; });
  }

  // A telephone number typed without the hyphen after its area code: each way to cut it into
  // an area code (3 or 4 digits from 0) and a number of 7 or 8 (tokenize.phone_parts).
  function phoneParts(word) {
    if (!/^0[0-9]*$/.test(word)) { return []; }
    return [3, 4].filter(function (k) { return word.length - k >= 7 && word.length - k <= 8; })
      .map(function (k) { return [word.slice(0, k), word.slice(k)]; });
  }

  function segmentations(text, known, limit) {
    limit = limit || 4;
    var n = text.length, longest = 6, never = n + 1, best = new Array(n + 1).fill(never), i, j;
    best[n] = 0;
    for (i = n - 1; i >= 0; i--) {
      for (j = i + 1; j <= Math.min(n, i + longest); j++) {
        if (known.has(text.slice(i, j)) && best[j] + 1 < best[i]) { best[i] = best[j] + 1; }
      }
    }
    if (best[0] >= never) { return []; }
    var found = [];
    [best[0], best[0] + 1].forEach(function (total) {
      (function walk(i, path) {
        if (found.length >= limit) { return; }
        if (i === n) { if (path.length === total) { found.push(path.slice()); } return; }
        for (var j = Math.min(n, i + longest); j > i; j--) {
          var piece = text.slice(i, j);
          if (known.has(piece) && path.length + 1 + best[j] <= total) {
            path.push(piece); walk(j, path); path.pop();
          }
        }
      })(0, []);
    });
    return found;
  }

  function alt(kind, tokens, weight, phrase, least) {
    return {kind: kind, tokens: tokens, weight: weight, phrase: !!phrase, least: least || 0};
  }

  // How many of a Chinese run's bigrams a document must hold: all but those that may
  // straddle two words (tokenize.least_bigrams).
  function leastBigrams(count) { return count - Math.floor((count - 1) / 2); }

  // The issuer code of a doc number (a bracket and a year follow it): every bigram
  // (tokenize.issuer_code).
  var YEAR_BRACKET = /^ *[〔\[(（【] *$/;
  var CLOSE_BRACKET = /^ *[〕\])）】] *$/, BLANK = /^[ \t\u3000]*$/;
  function issuerCode(text, parts, index) {
    var run = parts[index], next = parts[index + 1];
    if (!next || next.han || !/^[0-9]{4}$/.test(next.text)) { return false; }
    return YEAR_BRACKET.test(text.slice(run.end, next.start));
  }

  // The token of the document whose own 发文字号 the whole query is, else []
  // (tokenize.doc_number: only a document's own number field gives it).
  function docNumber(text, parts) {
    if (parts.length && !parts[0].han) { return yearAndNumber(text, parts); }
    var han = parts.filter(function (p) { return p.han; });
    if (parts.length < 3 || parts.length > 4 || !parts[0].han || !issuerCode(text, parts, 0)) { return []; }
    var issuer = parts[0], year = parts[1], number = parts[2];
    if (!BLANK.test(text.slice(0, issuer.start)) || !/^[0-9]{1,6}$/.test(number.text)) { return []; }
    if (!CLOSE_BRACKET.test(text.slice(year.end, number.start))) { return []; }
    var end = number.end;
    if (parts.length === 4) {
      if (parts[3].text !== "号" || parts[3].start !== end || han.length !== 2) { return []; }
      end += 1;
    }
    if (!BLANK.test(text.slice(end))) { return []; }
    return [issuer.text + "#" + year.text + "-" + number.text];
  }

  // A 发文字号 without its issuer code, (2026)20号: the token of every document numbered so,
  // whatever its issuer (tokenize._year_and_number).
  var OPENING_YEAR = /^[ \t\u3000]*[〔\[(（【] *$/;
  function yearAndNumber(text, parts) {
    if (parts.length < 2 || parts.length > 3 || parts[1].han) { return []; }
    var year = parts[0], number = parts[1];
    if (!/^[0-9]{4}$/.test(year.text) || !/^[0-9]{1,6}$/.test(number.text)) { return []; }
    if (!OPENING_YEAR.test(text.slice(0, year.start))) { return []; }
    if (!CLOSE_BRACKET.test(text.slice(year.end, number.start))) { return []; }
    var end = number.end;
    if (parts.length === 3) {
      if (parts[2].text !== "号" || parts[2].start !== end) { return []; }
      end += 1;
    }
    if (!BLANK.test(text.slice(end))) { return []; }
    return ["#" + year.text + "-" + number.text];
  }

  // A 发文字号 typed without brackets around its year (吉政发20264号, 吉政发2026年4号): the
  // number as docNumber reads one, else "" (tokenize.doc_number_form).
  var LOOSE_DOCNO = new RegExp("^[ \\t\u3000]*([" + HAN + "]{2,}) *[〔\\[(（【]? *((?:19|20)[0-9]{2}) *[〕\\])）】年-]? *" +
    "([0-9]{1,6}) *号?[ \\t\u3000]*$", "u");
  function docNumberForm(query) {
    var norm = fold(chars(normalise(query)).slice(0, MAX_QUERY).join(""));
    if (docNumber(norm, runs(norm)).length) { return ""; }
    var m = LOOSE_DOCNO.exec(norm);
    return m ? m[1] + "〔" + m[2] + "〕" + m[3] + "号" : "";
  }

  // A Chinese run with a synonym in place of the longest word of a group it holds, and that
  // synonym; a word of letters or digits only for the whole run (tokenize.synonym_variants).
  var SYNONYM_VARIANTS = 8, W_SYNONYM = 95, ALL_HAN = new RegExp("^[" + HAN + "]+$", "u");
  function synonymVariants(word, groups) {
    var found = [], seen = new Set();
    groups.forEach(function (group) {
      var hit = "";
      group.forEach(function (w) { if (ALL_HAN.test(w) && word.indexOf(w) >= 0 && chars(w).length > chars(hit).length) { hit = w; } });
      if (!hit) { return; }
      var at = word.indexOf(hit);
      group.forEach(function (other) {
        var variant = word.slice(0, at) + other + word.slice(at + hit.length);
        if (other !== hit && variant !== word && (variant === other || ALL_HAN.test(other)) && !seen.has(variant)) {
          seen.add(variant); found.push([variant, other]);
        }
      });
    });
    return found.slice(0, SYNONYM_VARIANTS);
  }

  // The other words of the groups that hold a run of letters or digits (tokenize.latin_synonyms).
  function latinSynonyms(word, groups) {
    var found = [];
    groups.forEach(function (group) {
      if (group.indexOf(word) < 0) { return; }
      group.forEach(function (other) { if (other !== word && found.indexOf(other) < 0) { found.push(other); } });
    });
    return found.slice(0, SYNONYM_VARIANTS);
  }

  // That run read as each of them (tokenize.latin_synonym_alternatives).
  function latinSynonymAlternatives(word, groups) {
    return latinSynonyms(word, groups).map(function (other) {
      if (!ALL_HAN.test(other)) { return alt("synonym", [other], W_SYNONYM); }
      var oc = chars(other), grams = [];
      for (var i = 0; i + 1 < oc.length; i++) { grams.push(oc[i] + oc[i + 1]); }
      return alt("synonym", grams, Math.floor(W_SYNONYM / grams.length), true);
    });
  }

  function alphaAlternatives(word, known) {
    var found = [alt("text", [word], W_TEXT)];
    if (word.length < 2) { return found; }
    segmentations(word, known).forEach(function (cut) {
      if (cut.length === 1) {
        found.push(alt("pinyin", ["'" + cut[0]], W_PINYIN));
      } else {
        var tokens = [];
        for (var i = 0; i + 1 < cut.length; i++) { tokens.push(cut[i] + "'" + cut[i + 1]); }
        found.push(alt("pinyin", tokens, W_PINYIN, true));
      }
    });
    var multi = found.some(function (a) { return a.kind === "pinyin" && a.tokens.length > 1; });
    if (word.length >= 2 && word.length <= 12 && !multi && !/[iuv]/.test(word)) {
      var heads = chars(word);
      found.push(alt("initials", initialTokens(heads), W_INITIALS, heads.length > 3));
    }
    return found;
  }

  // The last syllable read as unfinished: each syllable it begins, after finished ones
  // (tokenize.unfinished_alternatives).
  var W_UNFINISHED = 85, UNFINISHED_READINGS = 40;
  function unfinishedAlternatives(word, known) {
    var found = [];
    if (word.length > MAX_LATIN) { return found; }
    for (var size = Math.min(6, word.length - 1); size > 0; size--) {
      var tail = word.slice(word.length - size), completions = [];
      known.forEach(function (s) { if (s.indexOf(tail) === 0) { completions.push(s); } });
      if (!completions.length) { continue; }
      segmentations(word.slice(0, word.length - size), known, 1).forEach(function (head) {
        completions.forEach(function (syllable) {
          var cut = head.concat([syllable]), tokens = [];
          for (var i = 0; i + 1 < cut.length; i++) { tokens.push(cut[i] + "'" + cut[i + 1]); }
          found.push(alt("pinyin", tokens, W_UNFINISHED, true));
        });
      });
    }
    return uniqueAlternatives(found.concat(mixedAlternatives(word, known))).slice(0, UNFINISHED_READINGS);
  }

  // Initials, then the start of a syllable (tokenize._mixed_alternatives: yshjin).
  function mixedAlternatives(word, known) {
    var found = [];
    for (var size = Math.min(6, word.length - 1); size > 1; size--) {
      var tail = word.slice(word.length - size), head = word.slice(0, word.length - size);
      if (/[iuv]/.test(head) || head.length >= 12 || !/[aeiouv]/.test(tail)) { continue; }
      var grams = initialTokens(chars(head).concat([tail.charAt(0)]));
      known.forEach(function (s) {
        if (s.indexOf(tail) === 0) { found.push(alt("mixed", grams.concat(["'" + s]), W_INITIALS, true)); }
      });
    }
    return found;
  }

  function initialTokens(heads) {  // tokenize._initial_tokens
    if (heads.length === 2) { return ["=" + heads.join("")]; }
    var tokens = [];
    for (var k = 0; k + 2 < heads.length; k++) { tokens.push("=" + heads.slice(k, k + 3).join("")); }
    return tokens;
  }

  function uniqueAlternatives(alternatives) {  // the first of each list of tokens
    var seen = new Set();
    return alternatives.filter(function (a) {
      var key = a.tokens.join("\n");
      if (seen.has(key)) { return false; }
      seen.add(key);
      return true;
    });
  }

  function plan(query, known, stop) {
    var typed = chars(normalise(query)).slice(0, MAX_QUERY).join("");
    var norm = fold(typed);  // (one character for one: the offsets of `typed` stay)
    var searched = stop ? norm.replace(stop, " ") : norm;
    var parts = runs(searched);
    if (spacedPinyin(searched, parts, known)) {
      searched = parts.map(function (r) { return r.text; }).join("");
      parts = runs(searched);
    }
    var clauses = [], terms = [], multi = parts.length > 1;
    // A lone letter beside a longer word only adds to the score (tokenize.plan).
    var words = parts.some(function (r) { return chars(r.text).length > 1; });
    // Of a loose plan, words of intent are optional when a word of substance is left.
    var substance = parts.some(function (r) { return r.han && chars(r.text).length > 1 && !INTENT_WORDS.has(r.text); });
    parts.forEach(function (run, index) {
      var word = run.text;
      if (run.han) {
        terms.push(word);
        // The run as typed (before folding) is a second alternative.
        var asTyped = stop ? word : typed.slice(run.start, run.end);
        if (asTyped !== word) { terms.push(asTyped); }
        var cs = chars(word);
        if (cs.length === 1) {
          var singles = [alt("text", [word], W_TEXT)];
          if (asTyped !== word) { singles.push(alt("text", [asTyped], W_TEXT)); }
          clauses.push({text: word, alternatives: singles, required: !multi});
        } else {
          var least = issuerCode(searched, parts, index) ? 0 : leastBigrams(cs.length - 1);
          var alternatives = unique([word, asTyped]).map(function (w) {
            var wc = chars(w), bigrams = [];
            for (var i = 0; i + 1 < wc.length; i++) { bigrams.push(wc[i] + wc[i + 1]); }
            return alt("text", bigrams, W_TEXT, true, least < bigrams.length ? least : 0);
          });
          // No more of a synonym's bigrams missing than of the run's (tokenize.plan).
          if (least) {
            synonymVariants(word, synonyms).forEach(function (found) {
              if (!ALL_HAN.test(found[1])) {  // (the whole run: its one token)
                alternatives.push(alt("synonym", [found[1]], W_SYNONYM));
                terms.push(found[1]);
                return;
              }
              var vc = chars(found[0]), grams = [], count = vc.length - 1, missing = cs.length - 1 - least;
              for (var i = 0; i < count; i++) { grams.push(vc[i] + vc[i + 1]); }
              var need = found[0] !== found[1] ? Math.max(count - missing, leastBigrams(count)) : count;
              // Scored as if no longer than the run (tokenize.plan).
              var weight = Math.floor(W_SYNONYM * Math.min(cs.length - 1, count) / count);
              alternatives.push(alt("synonym", grams, weight, true, need < count ? need : 0));
              terms.push(found[0], found[1]);
            });
          }
          clauses.push({text: word, alternatives: alternatives, required: !(stop && substance && INTENT_WORDS.has(word))});
        }
      } else if (/^[a-z]+$/.test(word)) {
        terms.push(word);
        var alphas = alphaAlternatives(word, known);
        // The last word of a loose plan, nothing typed after it: its last syllable may be
        // unfinished (tokenize.plan).
        if (stop && index === parts.length - 1 && BLANK.test(searched.slice(run.end))) {
          alphas = uniqueAlternatives(alphas.concat(unfinishedAlternatives(word, known)));
        }
        alphas = alphas.concat(latinSynonymAlternatives(word, synonyms));
        terms.push.apply(terms, latinSynonyms(word, synonyms));
        clauses.push({text: word, alternatives: alphas, required: word.length > 1 || !words});
      } else {
        terms.push(word);
        var tokens = latinTokens(word);
        if (!tokens.length) { tokens = [word.slice(0, MAX_LATIN)]; }
        var required = tokens.length === 1 ? tokens : tokens.slice(1);
        var alternatives = [alt("text", required, W_TEXT)];
        // The start of a code: the run itself is one of its prefixes (tokenize.code_prefixes).
        if (tokens.length > 1 && chars(word).length >= PREFIX_MIN) { alternatives.push(alt("text", [word], W_TEXT)); }
        phoneParts(word).forEach(function (cut) {
          alternatives.push(alt("text", cut, W_TEXT));
          terms.push(cut[0] + "-" + cut[1]);
        });
        alternatives = alternatives.concat(latinSynonymAlternatives(word, synonyms));
        terms.push.apply(terms, latinSynonyms(word, synonyms));
        clauses.push({text: word, alternatives: alternatives, required: true});
        if (tokens.length > 1) {
          clauses.push({text: word, alternatives: [alt("text", [tokens[0]], W_TEXT)], required: false});
        }
        var next = parts[index + 1], prev = parts[index - 1], glue;
        if (next && next.han && next.start === run.end) {
          glue = word + chars(next.text)[0];
          clauses.push({text: glue, alternatives: [alt("text", [glue], W_TEXT)], required: false});
        }
        if (prev && prev.han && prev.end === run.start) {
          var pc = chars(prev.text);
          glue = pc[pc.length - 1] + word;
          clauses.push({text: glue, alternatives: [alt("text", [glue], W_TEXT)], required: false});
        }
      }
    });
    var seen = new Set();  // a word typed twice is one clause
    clauses = clauses.filter(function (c) {
      var key = JSON.stringify(c);
      if (seen.has(key)) { return false; }
      seen.add(key);
      return true;
    });
    var tokenList = [], docno = docNumber(searched, parts);
    clauses.forEach(function (c) {
      c.alternatives.forEach(function (a) {
        a.tokens.forEach(function (t) { if (tokenList.indexOf(t) < 0) { tokenList.push(t); } });
      });
    });
    docno.forEach(function (t) { if (tokenList.indexOf(t) < 0) { tokenList.push(t); } });
    return {text: norm, clauses: clauses, terms: unique(terms), tokens: tokenList, docno: docno,
      empty: !clauses.some(function (c) { return c.required; })};
  }

  function unique(values) {
    var seen = new Set(), found = [];
    values.forEach(function (v) { if (!seen.has(v)) { seen.add(v); found.push(v); } });
    return found;
  }

  // --- postings ------------------------------------------------------------------------

  function varint(data, state) {
    var value = 0, shift = 0, byte;
    do {
      byte = data[state.pos++];
      value += (byte & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (byte >= 0x80);
    return value;
  }

  function decodeShard(data) {
    var found = new Map(), state = {pos: 0}, decoder = new TextDecoder();
    while (state.pos < data.length) {
      var size = varint(data, state);
      var token = decoder.decode(data.subarray(state.pos, state.pos + size));
      state.pos += size;
      var count = varint(data, state), doc = 0, k;
      var title = new Map(), keywords = new Set(), body = new Map();
      for (k = 0; k < count; k++) { doc += varint(data, state); title.set(doc, data[state.pos++]); }
      count = varint(data, state); doc = 0;
      for (k = 0; k < count; k++) { doc += varint(data, state); keywords.add(doc); }
      count = varint(data, state); doc = 0;
      for (k = 0; k < count; k++) {
        var value = varint(data, state);
        doc += Math.floor(value / 2);
        body.set(doc, value & 1);
      }
      found.set(token, {title: title, keywords: keywords, body: body});
    }
    return found;
  }

  var EMPTY = {title: new Map(), keywords: new Set(), body: new Map()};

  function shardOf(e, token) {
    var lo = 0, hi = e.shards.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (e.shards[mid][0] <= token) { lo = mid + 1; } else { hi = mid; }
    }
    return Math.max(0, lo - 1);
  }

  function postings(e, tokens) {
    var wanted = new Map();
    tokens.forEach(function (t) { wanted.set(t, shardOf(e, t)); });
    var shards = unique(Array.from(wanted.values()));
    return Promise.all(shards.map(function (i) {
      return load(base + "s/" + e.shards[i][1] + ".bin").then(function (data) {
        if (!e.decoded) { e.decoded = new Map(); }
        if (!e.decoded.has(i)) { e.decoded.set(i, decodeShard(data)); }
        return e.decoded.get(i);
      });
    })).then(function () {
      var found = new Map();
      wanted.forEach(function (i, t) {
        var p = e.decoded.get(i).get(t);
        if (p) { found.set(t, p); }
      });
      return found;
    });
  }

  function docsOf(p) {
    var s = new Set(p.title.keys());
    p.keywords.forEach(function (d) { s.add(d); });
    p.body.forEach(function (_v, d) { s.add(d); });
    return s;
  }

  // --- matching and ranking (engine.py) ------------------------------------------------

  function alternativeDocs(a, post) {  // document -> how many of the tokens it holds
    var i, counts = new Map(), held = new Map();
    if (!a.least) {
      var found = null;
      for (i = 0; i < a.tokens.length; i++) {
        var docs = docsOf(post.get(a.tokens[i]) || EMPTY);
        if (found === null) { found = docs; } else {
          var both = new Set();
          found.forEach(function (d) { if (docs.has(d)) { both.add(d); } });
          found = both;
        }
        if (!found.size) { return new Map(); }
      }
      (found || new Set()).forEach(function (d) { held.set(d, a.tokens.length); });
      return held;
    }
    for (i = 0; i < a.tokens.length; i++) {
      docsOf(post.get(a.tokens[i]) || EMPTY).forEach(function (d) { counts.set(d, (counts.get(d) || 0) + 1); });
    }
    counts.forEach(function (n, d) { if (n >= a.least) { held.set(d, n); } });
    return held;
  }

  function alternativeScore(a, doc, post) {
    var score = 0, inTitle = true, first = -1, inOrder = true;
    a.tokens.forEach(function (token, i) {
      var p = post.get(token) || EMPTY;
      if (p.title.has(doc)) {
        var pos = p.title.get(doc);
        score += P_TITLE;
        // An offset of LAST_OFFSET or more stands anywhere past it (engine.alternative_score).
        if (pos >= LAST_OFFSET) { inOrder = false; } else if (i === 0) { first = pos; } else if (pos !== first + i) { inOrder = false; }
      } else {
        inTitle = false;
        if (p.keywords.has(doc)) { score += P_KEYWORDS; } else if (p.body.has(doc)) { score += p.body.get(doc) ? P_BODY_OFTEN : P_BODY; }
      }
    });
    if (inTitle && (inOrder || !a.phrase)) { score += BONUS_TITLE; }
    return [Math.floor(score * a.weight / 100), inTitle && inOrder ? first : -1];
  }

  function foundPieces(a, doc, post) {
    var pieces = [], run = "";
    a.tokens.forEach(function (token) {
      if (docsOf(post.get(token) || EMPTY).has(doc)) {
        run = run ? run + chars(token).slice(1).join("") : token;
      } else {
        if (run) { pieces.push(run); }
        run = "";
      }
    });
    if (run) { pieces.push(run); }
    return pieces;
  }

  // A character of a Chinese run in no bigram the document holds (engine.uncovered).
  function uncovered(a, doc, post) {
    var held = a.tokens.map(function (t) { return docsOf(post.get(t) || EMPTY).has(doc); });
    for (var k = 0; k <= held.length; k++) {
      if (!(k > 0 && held[k - 1] || k < held.length && held[k])) { return true; }
    }
    return false;
  }

  // Hits that hold every character of the query's Chinese runs (engine.complete).
  function complete(hits) {
    return hits.filter(function (h) { return !h.gap; }).length;
  }

  function span(a) {
    if (a.kind === "initials") { return a.tokens[0].length - 1 + a.tokens.length - 1; }
    if (a.tokens[0].charAt(0) === "'") { return 1; }
    return a.tokens.length + 1;
  }

  function intent(p) {
    for (var i = 0; i < INTENTS.length; i++) {
      if (INTENTS[i][1].some(function (w) { return p.text.indexOf(w) >= 0; })) { return INTENTS[i][0]; }
    }
    return "";
  }

  function match(p, post, e, docs) {
    var required = p.clauses.filter(function (c) { return c.required; });
    if (!required.length) { return []; }
    var altDocs = p.clauses.map(function (c) {
      return c.alternatives.map(function (a) { return alternativeDocs(a, post); });
    });
    // Every required clause; of three or more, all but one (the rest rank below).
    var need = required.length >= MOST_OF ? required.length - 1 : required.length;
    var counts = new Map();
    for (var ci = 0; ci < p.clauses.length; ci++) {
      if (!p.clauses[ci].required) { continue; }
      var union = new Set();
      altDocs[ci].forEach(function (s) { s.forEach(function (_n, d) { union.add(d); }); });
      union.forEach(function (d) { counts.set(d, (counts.get(d) || 0) + 1); });
    }
    var candidates = [];
    counts.forEach(function (n, d) { if (n >= need) { candidates.push(d); } });
    var wanted = intent(p), hits = [], numbered = null;
    p.docno.forEach(function (t) {  // its own number, in its keywords (engine.match)
      var here = (post.get(t) || EMPTY).keywords;
      if (numbered === null) { numbered = new Set(here); } else {
        numbered = new Set(Array.from(numbered).filter(function (d) { return here.has(d); }));
      }
    });
    candidates.forEach(function (doc) {
      var score = 0, used = [], missing = 0, pieces = [], gap = false;
      p.clauses.forEach(function (clause, ci) {
        var best = -1, chosen = null, whole = false;
        clause.alternatives.forEach(function (a, ai) {
          var held = altDocs[ci][ai].get(doc);
          if (held !== undefined) {
            var value = alternativeScore(a, doc, post);
            whole = whole || held === a.tokens.length;
            if (value[0] > best) { best = value[0]; chosen = [a, value[1]]; }
          }
        });
        if (chosen) {
          score += best;
          used.push(chosen);
          if (!whole) {
            pieces = pieces.concat(foundPieces(chosen[0], doc, post));
            gap = gap || uncovered(chosen[0], doc, post);
          }
        }
        if (clause.required && !whole) { missing += 1; }
      });
      var kind = e.types[docs.type[doc]];
      var weight = kind === wanted ? INTENT_WEIGHT : (TYPE_WEIGHT[kind] || 100);
      hits.push({doc: doc, score: Math.floor(score * weight / 100), alternatives: used, missing: missing,
        pieces: pieces, gap: gap, exact: numbered !== null && numbered.has(doc)});
    });
    // The document whose 发文字号 the query is comes first.
    hits.sort(function (a, b) {
      return a.missing - b.missing || (a.exact ? 0 : 1) - (b.exact ? 0 : 1) || b.score - a.score || a.doc - b.doc;
    });
    return hits;
  }

  // --- facets, groups ------------------------------------------------------------------

  function countBy(hits, key) {
    var counts = new Map();
    hits.forEach(function (h) { var k = key(h.doc); if (k !== "") { counts.set(k, (counts.get(k) || 0) + 1); } });
    return counts;
  }

  // Counts of the hits the other chosen filters keep (engine.facets).
  function facets(hits, e, docs, f) {
    function but(name) {
      var g = Object.assign({type: "", column: "", year: "", site: ""}, f);
      g[name] = "";
      return hits.filter(function (h) { return keep(h, g, e, docs); });
    }
    var types = countBy(but("type"), function (d) { return docs.type[d]; });
    var columns = countBy(but("column"), function (d) { return docs.column[d]; });
    var years = countBy(but("year"), function (d) { return docs.year[d]; });
    function byCount(m) {
      return Array.from(m.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    }
    return {
      type: byCount(types).map(function (kv) {
        return {value: e.types[kv[0]], label: TYPE_LABELS[e.types[kv[0]]], count: kv[1]};
      }),
      column: byCount(columns).map(function (kv) {
        return {value: e.columns[kv[0]][0], label: e.columns[kv[0]][1], count: kv[1]};
      }),
      year: Array.from(years.entries()).sort(function (a, b) { return a[0] < b[0] ? 1 : -1; })
        .map(function (kv) { return {value: kv[0], label: kv[0] + "年", count: kv[1]}; }),
      site: [{value: e.site, label: e.site, count: but("site").length}]
    };
  }

  function keep(h, f, e, docs) {
    if (f.type && e.types[docs.type[h.doc]] !== f.type) { return false; }
    if (f.column && e.columns[docs.column[h.doc]][0] !== f.column) { return false; }
    if (f.year && docs.year[h.doc] !== f.year) { return false; }
    return !(f.site && f.site !== e.site);
  }

  function groups(hits, e, docs) {
    var found = new Map();
    hits.forEach(function (h) {
      var t = docs.type[h.doc];
      if (!found.has(t)) { found.set(t, {type: e.types[t], label: TYPE_LABELS[e.types[t]], count: 0, ids: []}); }
      var g = found.get(t);
      g.count += 1;
      if (g.ids.length < GROUP_SIZE) { g.ids.push(h.doc); }
    });
    return Array.from(found.values());
  }

  // --- snippets ------------------------------------------------------------------------

  function highlightTerms(p, hit, frag) {
    var terms = p.terms.filter(function (t) { return t.length > 1 || !/^[a-z]$/.test(t); });
    if (hit) {
      terms = terms.concat(hit.pieces);
      var title = chars(normalise(frag.t));
      hit.alternatives.forEach(function (used) {
        var a = used[0], start = used[1];
        if ((a.kind === "pinyin" || a.kind === "initials") && start >= 0) {
          terms.push(title.slice(start, start + span(a)).join(""));
        }
      });
    }
    return unique(terms.filter(Boolean)).sort(function (a, b) {
      return chars(b).length - chars(a).length || byPoints(a, b);
    });
  }

  // engine.folded: the text as terms are written, with the code point of `text` each of its
  // UTF-16 units comes from (offsets are code points, as in Python).
  function folded(text) {
    var norm = "", origin = [], i = 0;
    for (var c of text) {
      var piece = normalise(c);
      norm += piece;
      for (var u = 0; u < piece.length; u++) { origin.push(i); }
      i++;
    }
    return {text: norm, origin: origin};
  }

  function segments(text, terms, start, end, folding) {
    var cs = chars(text), f = folding || folded(text), lower = f.text, origin = f.origin;
    start = start || 0;
    if (end === undefined) { end = cs.length; }
    var marks = new Array(cs.length).fill(false), first = 0;
    while (first < origin.length && origin[first] < start) { first++; }
    terms.forEach(function (term) {
      var at = lower.indexOf(term, first);
      while (at >= 0 && origin[at] < end) {
        for (var k = at; k < at + term.length; k++) {
          if (origin[k] < end) { marks[origin[k]] = true; }
        }
        at = lower.indexOf(term, at + term.length);
      }
    });
    var found = [];
    for (var k = start; k < end; k++) {
      var flag = marks[k] ? 1 : 0;
      if (found.length && found[found.length - 1][1] === flag) { found[found.length - 1][0] += cs[k]; } else { found.push([cs[k], flag]); }
    }
    return found;
  }

  function snippet(body, terms) {
    var f = folded(body), first = -1, size = chars(body).length;
    for (var i = 0; i < terms.length; i++) {
      var at = f.text.indexOf(terms[i]);
      if (at >= 0) { first = f.origin[at]; break; }
    }
    var start = first >= 0 ? Math.max(0, first - 30) : 0;
    var end = Math.min(size, start + SNIPPET);
    var found = segments(body, terms, start, end, f);
    if (start > 0) { found.unshift(["…", 0]); }
    if (end < size) { found.push(["…", 0]); }
    return found;
  }

  // --- the search ----------------------------------------------------------------------

  var docTable = null;
  function docs(e) {
    if (!docTable) {
      docTable = load(base + e.docs).then(function (data) {
        var t = {type: [], column: [], year: []};
        for (var i = 0; i + 3 < data.length; i += 4) {
          t.type.push(data[i]);
          t.column.push(data[i + 1] + data[i + 2] * 256);
          t.year.push(data[i + 3] ? e.years[data[i + 3] - 1] : "");
        }
        return t;
      });
    }
    return docTable;
  }

  function fragments(e, ids) {
    return Promise.all(ids.map(function (n) {
      return load(base + e.fragments + "/" + Math.floor(n / e.bundle) + ".bin", true);
    })).then(function (list) {
      var found = new Map();
      ids.forEach(function (n, i) { found.set(n, list[i][n % e.bundle]); });
      return found;
    });
  }

  function runPlan(p, e, table) {
    return postings(e, p.tokens).then(function (post) { return match(p, post, e, table); });
  }

  function localSearch(query, filters, page, grouped) {
    return entry().then(function (e) {
      return docs(e).then(function (table) {
        // A 发文字号 typed without its brackets: read as that number when a document has it
        // as its own, else as typed (engine.search).
        var number = docNumberForm(query), read = query, p = plan(number || query, e.syllableSet);
        // (complete(a), a.length) > (complete(b), b.length), as the engine compares them
        function more(a, b) {
          return complete(a) > complete(b) || complete(a) === complete(b) && a.length > b.length;
        }
        var firstP = p.empty ? Promise.resolve([]) : runPlan(p, e, table).then(function (hits) {
          if (!number) { return hits; }
          if (hits.some(function (h) { return h.exact; })) { read = number; return hits; }
          p = plan(query, e.syllableSet);
          return p.empty ? [] : runPlan(p, e, table);
        });
        var hitsP = firstP.then(function (hits) {
          if (p.empty || complete(hits) >= FEW) { return hits; }
          var loose = plan(read, e.syllableSet, e.stopRe);
          if (loose.empty || JSON.stringify(loose.clauses) === JSON.stringify(p.clauses)) { return hits; }
          return runPlan(loose, e, table).then(function (looseHits) {
            if (more(looseHits, hits)) { p = loose; return looseHits; }
            return hits;
          });
        });
        return hitsP.then(function (hits) {
          if (complete(hits) >= FEW || p.empty) { return [p, hits, null, false]; }
          return correction(p, e, table).then(function (fix) {
            if (fix === null) { return [p, hits, null, false]; }
            var fixed = plan(fix, e.syllableSet);
            return runPlan(fixed, e, table).then(function (fixedHits) {
              // Offered when it finds more documents holding the whole of it (engine.search).
              if (complete(fixedHits) <= complete(hits)) { return [p, hits, null, false]; }
              return complete(hits) ? [p, hits, fix, false] : [fixed, fixedHits, fix, true];
            });
          });
        }).then(function (state) {
          var p2 = state[0], hits = state[1];
          var shown = hits.filter(function (h) { return keep(h, filters, e, table); });
          var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
          page = Math.min(Math.max(1, page), pages);
          var pageHits = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
          var groupList = grouped ? groups(shown, e, table) : [];
          var wanted = new Set(pageHits.map(function (h) { return h.doc; }));
          groupList.forEach(function (g) { g.ids.forEach(function (d) { wanted.add(d); }); });
          var byDoc = new Map();
          shown.forEach(function (h) { byDoc.set(h.doc, h); });
          return fragments(e, Array.from(wanted).sort(function (a, b) { return a - b; })).then(function (frags) {
            function result(doc) {
              var frag = frags.get(doc), terms = highlightTerms(p2, byDoc.get(doc), frag);
              var kind = e.types[table.type[doc]], col = e.columns[table.column[doc]];
              return {id: doc, url: frag.u, title: segments(frag.t, terms), snippet: snippet(frag.b, terms),
                type: kind, type_label: TYPE_LABELS[kind], column: col[0], column_label: col[1],
                date: frag.d, site: e.site, score: byDoc.get(doc).score};
            }
            return {
              query: chars(query).slice(0, MAX_QUERY).join(""), searched: p2.text, total: shown.length, all: hits.length, page: page, pages: pages,
              page_size: PAGE_SIZE, results: pageHits.map(function (h) { return result(h.doc); }),
              facets: facets(hits, e, table, filters),
              groups: groupList.map(function (g) {
                return {type: g.type, label: g.label, count: g.count, results: g.ids.map(result)};
              }),
              correction: state[2] ? {text: state[2], applied: state[3]} : null
            };
          });
        });
      });
    });
  }

  // --- corrections ---------------------------------------------------------------------

  var readingTable = null;
  function readingsOf(e) {
    if (!readingTable) {
      readingTable = load(base + e.readings, true).then(function (table) {
        var byChar = new Map();
        Object.keys(table).forEach(function (r) {
          chars(table[r]).forEach(function (c) {
            if (!byChar.has(c)) { byChar.set(c, []); }
            byChar.get(c).push(r);
          });
        });
        return byChar;
      });
    }
    return readingTable;
  }

  function termsOf(e) {
    return load(base + e.terms, true);
  }

  function correction(p, e, table) {
    // The words engine.correction corrects: required Chinese words of two characters or more.
    // Without one (a query of letters and digits: abc, 12345) the suggestion terms and the
    // readings (tens of KB) are not fetched, as the engine never reads them then.
    var words = p.clauses.filter(function (clause) {
      return clause.required && chars(clause.text).length >= 2 && isHan(clause.text);
    }).map(function (clause) { return clause.text; });
    if (!words.length) { return Promise.resolve(null); }
    return Promise.all([termsOf(e), readingsOf(e)]).then(function (both) {
      var terms = both[0], readings = both[1], text = p.text, changed = false, chain = Promise.resolve();
      function homophone(a, b) {
        if (a === b) { return true; }
        var ra = readings.get(a) || [], rb = readings.get(b) || [];
        return ra.some(function (r) { return rb.indexOf(r) >= 0; });
      }
      words.forEach(function (word) {
        chain = chain.then(function () {
          var fix = vocabularyFix(word, terms, homophone);
          var next = fix === null ? titleFix(word, e, readings) : Promise.resolve(fix);
          return next.then(function (found) {
            return found === null ? partFix(word, e, terms, homophone) : found;
          }).then(function (found) {
            if (found !== null && found !== word) { text = text.replace(word, found); changed = true; }
          });
        });
      });
      return chain.then(function () { return changed ? text : null; });
    });
  }

  var placesOf = new Map();
  function charPlaces(terms) {
    if (!placesOf.has(terms)) {
      var places = new Map();
      terms.forEach(function (term, order) {
        chars(normalise(term[0])).forEach(function (c, offset) {
          if (!places.has(c)) { places.set(c, []); }
          places.get(c).push([order, offset]);
        });
      });
      placesOf.set(terms, places);
    }
    return placesOf.get(terms);
  }

  function vocabularyFix(word, terms, homophone) {
    var w = chars(word), n = w.length, best = null, found = null, seen = new Set();
    var places = charPlaces(terms);
    for (var j = 0; j < n; j++) {
      var list = places.get(w[j]) || [];
      for (var q = 0; q < list.length; q++) {
        var order = list[q][0], start = list[q][1] - j;
        if (start < 0 || seen.has(order + ":" + start)) { continue; }
        seen.add(order + ":" + start);
        var window = chars(normalise(terms[order][0])).slice(start, start + n);
        if (window.length < n) { continue; }
        var diffs = [];
        for (var k = 0; k < n; k++) { if (window[k] !== w[k]) { diffs.push(k); } }
        if (!diffs.length) { return null; }
        if (!isHan(window.join(""))) { continue; }
        var rank;
        if (diffs.length <= 2 && diffs.every(function (k) { return homophone(window[k], w[k]); })) {
          rank = [2, -diffs.length, -order];
        } else if (diffs.length === 1 && n >= FIX_ANY_CHAR && chars(normalise(terms[order][0])).length === n) {
          // Any character, only to a whole term (engine.vocabulary_fix).
          rank = [1, -1, -order];
        } else { continue; }
        if (best === null || rank[0] > best[0] || rank[0] === best[0] && (rank[1] > best[1] || rank[1] === best[1] && rank[2] > best[2])) {
          best = rank; found = window.join("");
        }
      }
    }
    return found;
  }

  // Two or more characters in a row in no title or keywords bigram, corrected as a word of
  // their own (engine.part_fix: 停水同知 → 停水通知).
  function partFix(word, e, terms, homophone) {
    var w = chars(word), n = w.length, bigrams = [];
    for (var i = 0; i + 1 < n; i++) { bigrams.push(w[i] + w[i + 1]); }
    return postings(e, bigrams).then(function (post) {
      var held = bigrams.map(function (b) {
        var p = post.get(b) || EMPTY;
        return p.title.size > 0 || p.keywords.size > 0;
      });
      var covered = w.map(function (_c, k) { return k > 0 && held[k - 1] || k < n - 1 && held[k]; });
      if (covered.every(Boolean) || !covered.some(Boolean)) { return null; }
      var out = w.slice(), changed = false, k = 0;
      while (k < n) {
        if (covered[k]) { k++; continue; }
        var end = k;
        while (end < n && !covered[end]) { end++; }
        var part = w.slice(k, end).join("");
        var fix = end - k > 1 ? vocabularyFix(part, terms, homophone) : null;
        if (fix !== null && fix !== part) {
          out = out.slice(0, k).concat(chars(fix), out.slice(end));
          changed = true;
        }
        k = end;
      }
      return changed ? out.join("") : null;
    });
  }

  function queryReadings(word, readings, limit) {
    var found = [[]];
    var cs = chars(word);
    for (var i = 0; i < cs.length; i++) {
      var options = readings.get(cs[i]) || [];
      if (!options.length) { return []; }
      var next = [];
      found.forEach(function (p) { options.forEach(function (r) { next.push(p.concat([r])); }); });
      found = next.slice(0, limit || 8);
    }
    return found;
  }

  function titleFix(word, e, readings) {
    var all = queryReadings(word, readings);
    var tokenSets = all.map(function (reading) {
      var tokens = [];
      for (var i = 0; i + 1 < reading.length; i++) { tokens.push(reading[i] + "'" + reading[i + 1]); }
      return tokens;
    });
    var every = unique([].concat.apply([], tokenSets));
    return postings(e, every).then(function (post) {
      var bestDoc = -1, bestPos = -1;
      tokenSets.forEach(function (tokens) {
        var docs = null;
        tokens.forEach(function (t) {
          var here = new Set((post.get(t) || EMPTY).title.keys());
          if (docs === null) { docs = here; } else {
            var both = new Set();
            docs.forEach(function (d) { if (here.has(d)) { both.add(d); } });
            docs = both;
          }
        });
        var sorted = Array.from(docs || []).sort(function (a, b) { return a - b; });
        for (var k = 0; k < sorted.length; k++) {
          var doc = sorted[k], first = post.get(tokens[0]).title.get(doc);
          if (tokens.every(function (t, i) { return post.get(t).title.get(doc) === first + i; })) {
            if (bestDoc < 0 || doc < bestDoc) { bestDoc = doc; bestPos = first; }
            break;
          }
        }
      });
      if (bestDoc < 0) { return null; }
      return fragments(e, [bestDoc]).then(function (frags) {
        var title = chars(normalise(frags.get(bestDoc).t));
        var window = title.slice(bestPos, bestPos + chars(word).length).join("");
        return chars(window).length === chars(word).length && isHan(window) ? window : null;
      });
    });
  }

  // --- suggestions ---------------------------------------------------------------------

  // A 发文字号's brackets: suggestions compare without them (engine.BRACKETS).
  var BRACKETS = /[〔〕\[\]()（）【】]/g;
  function suggestForm(text) { return fold(normalise(text)).replace(BRACKETS, ""); }

  // engine._read_as: 2 the term's usual pinyin (its first), 3 its usual initials, 4 another
  // pinyin, 5 other initials (from two letters on); -1 not found by the letters typed.
  function readAs(typed, t) {
    var pinyin = t[1].split("|"), initials = typed.length >= 2 ? t[2].split("|") : [];
    var starts = function (w) { return w.indexOf(typed) === 0; };
    if (starts(pinyin[0])) { return 2; }
    if (initials.length && starts(initials[0])) { return 3; }
    if (pinyin.slice(1).some(starts)) { return 4; }
    if (initials.slice(1).some(starts)) { return 5; }
    return -1;
  }

  function suggestLocal(query) {
    return entry().then(function (e) { return termsOf(e); }).then(function (terms) {
      var typed = fold(chars(normalise(query)).slice(0, MAX_QUERY).join("")).replace(SPACES, "").replace(BRACKETS, "");
      if (!typed) { return []; }
      var latin = /^[a-z]+$/.test(typed), ranked = [];
      terms.forEach(function (t) {
        var text = suggestForm(t[0]), rank;
        if (text.indexOf(typed) === 0) { rank = 0; } else if (text.indexOf(typed) > 0) { rank = 1; } else if (latin) { rank = readAs(typed, t); if (rank < 0) { return; } } else { return; }
        if (text === typed) { return; }
        ranked.push([rank, -t[3], chars(t[0]).length, t[0]]);
      });
      ranked.sort(function (a, b) {
        return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || byPoints(a[3], b[3]);
      });
      return ranked.slice(0, SUGGESTIONS).map(function (r) { return r[3]; });
    });
  }

  function serverUrl(kind, params) {
    var url = new URL(server, location.href);
    if (kind === "suggest") { url.pathname = url.pathname.replace(/search\/?$/, "suggest"); }
    Object.keys(params).forEach(function (k) { if (params[k]) { url.searchParams.set(k, params[k]); } });
    return url.toString();
  }

  function search(query, filters, page, grouped) {
    if (server) {
      return fetch(serverUrl("search", {q: query, type: filters.type, column: filters.column,
        year: filters.year, site: filters.site, page: String(page), group: grouped ? "1" : "",
        // Which site asks: an index of several sites links the others' results absolutely.
        from: location.hostname}))
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); });
    }
    return localSearch(query, filters, page, grouped);
  }

  function suggest(query) {
    if (server) {
      return fetch(serverUrl("suggest", {q: query})).then(function (r) { return r.json(); })
        .then(function (d) { return d.suggestions || []; });
    }
    return suggestLocal(query);
  }

  // --- the page ------------------------------------------------------------------------

  var params = new URLSearchParams(location.search);
  var state = {q: params.get("q") || "", type: params.get("type") || "", column: params.get("column") || "",
    year: params.get("year") || "", site: params.get("site") || "", page: parseInt(params.get("page") || "1", 10) || 1,
    view: params.get("view") === "group" ? "group" : "list"};

  function link(changes) {
    var next = Object.assign({}, state, {page: 1}, changes), p = new URLSearchParams();
    ["q", "type", "column", "year", "site"].forEach(function (k) { if (next[k]) { p.set(k, next[k]); } });
    if (next.page > 1) { p.set("page", String(next.page)); }
    if (next.view === "group") { p.set("view", "group"); }
    return location.pathname + "?" + p.toString();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function marked(parent, segs) {
    segs.forEach(function (s) {
      if (s[1]) { parent.appendChild(el("mark", "", s[0])); } else { parent.appendChild(document.createTextNode(s[0])); }
    });
    return parent;
  }

  // A range of numbers (2026—2028年, 1—10月), as the theme's `ranges` filter finds it in the
  // titles it renders (ssg/render.py _NUMBER_RANGE; Python's \d is any decimal digit): kept
  // whole in a span.num-range (site.css), so that no line breaks before its dash.
  var NUMBER_RANGE = /\p{Nd}+(?:[—–~～-]\p{Nd}+)+/gu;

  // A title's segments, marked as `marked` does, with each range of numbers in a span.num-range
  // (a mark that crosses a range's edge is cut in two there).
  function rangedTitle(parent, segs) {
    var text = segs.map(function (s) { return s[0]; }).join("");
    var edges = [], m;
    NUMBER_RANGE.lastIndex = 0;
    while ((m = NUMBER_RANGE.exec(text)) !== null) { edges.push([m.index, m.index + m[0].length]); }
    if (!edges.length) { return marked(parent, segs); }
    var at = 0, range = 0, box = null;
    segs.forEach(function (s) {
      var piece = s[0], start = at;
      at += piece.length;
      while (piece) {
        while (range < edges.length && edges[range][1] <= start) { range++; box = null; }
        var edge = range < edges.length ? edges[range] : null;
        var cut = piece.length;
        if (edge && start < edge[0]) { cut = Math.min(cut, edge[0] - start); }
        else if (edge) { cut = Math.min(cut, edge[1] - start); }
        var inRange = edge !== null && start >= edge[0];
        if (inRange && box === null) { box = parent.appendChild(el("span", "num-range")); }
        marked(inRange ? box : parent, [[piece.slice(0, cut), s[1]]]);
        piece = piece.slice(cut);
        start += cut;
      }
    });
    return parent;
  }

  function resultItem(r) {
    var li = el("li", "search-result");
    var h = el("h3", "search-result-title");
    var a = el("a");
    a.href = r.url;
    rangedTitle(a, r.title);
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "search-result-meta");
    meta.appendChild(el("span", "search-type search-type-" + r.type, r.type_label));
    // A server index of several sites names each result's site (absent for one site).
    // The column only when it says more than the type's badge (通知公告 · 通知公告 said it twice).
    var column = r.column_label === r.type_label ? "" : r.column_label;
    meta.appendChild(document.createTextNode(" " + [r.site_name, column, r.date].filter(Boolean).join(" · ")));
    li.appendChild(meta);
    li.appendChild(marked(el("p", "search-snippet"), r.snippet));
    return li;
  }

  function facetList(title, name, items) {
    if (!items.length) { return null; }
    var box = el("div", "search-facet");
    box.appendChild(el("h3", "", title));
    var ul = el("ul");
    var all = el("li"), allLink = el("a", "", "全部");
    var change = {};
    change[name] = "";
    allLink.href = link(change);
    if (!state[name]) { allLink.setAttribute("aria-current", "true"); }
    all.appendChild(allLink);
    ul.appendChild(all);
    items.forEach(function (f) {
      var li = el("li"), a = el("a", "", f.label + "（" + f.count + "）");
      var c = {};
      c[name] = f.value;
      a.href = link(c);
      if (state[name] === f.value) { a.setAttribute("aria-current", "true"); }
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  function render(data) {
    out.textContent = "";
    facetBox.textContent = "";
    note.textContent = "";
    note.hidden = true;
    if (data.correction) {
      note.hidden = false;
      if (data.correction.applied) {
        // (true: no document holds every character typed; some may hold part of it)
        note.appendChild(document.createTextNode("没有找到完整包含“" + state.q + "”的结果，已为您显示“"));
        note.appendChild(el("strong", "", data.correction.text));
        note.appendChild(document.createTextNode("”的结果。"));
      } else {
        note.appendChild(document.createTextNode("您是不是要找："));
        var fix = el("a", "", data.correction.text);
        fix.href = link({q: data.correction.text});
        note.appendChild(fix);
      }
    }
    var shownQuery = data.correction && data.correction.applied ? data.correction.text : state.q;
    var heading = el("h2", "search-count");
    var filtered = ["type", "column", "year", "site"].some(function (k) { return state[k]; });
    if (data.total) {
      heading.textContent = "“" + shownQuery + "”共找到 " + data.total + " 条结果" + (data.pages > 1 ? "，第 " + data.page + "/" + data.pages + " 页" : "");
    } else if (filtered && data.all) {
      // The query found results, the filters left none: say so, and offer the way back.
      heading.textContent = "“" + shownQuery + "”共有 " + data.all + " 条结果，但没有符合所选筛选条件的结果";
    } else {
      heading.textContent = "没有找到与“" + state.q + "”相关的结果";
    }
    out.appendChild(heading);
    status.textContent = (data.correction ? note.textContent + " " : "") + heading.textContent;
    if (!data.total && filtered && data.all) {
      var clear = el("p", "search-tips");
      var clearLink = el("a", "", "清除筛选条件，查看全部 " + data.all + " 条结果");
      clearLink.href = link({type: "", column: "", year: "", site: ""});
      clear.appendChild(clearLink);
      out.appendChild(clear);
    } else if (!data.total) {
      var tips = el("p", "search-tips", "建议：检查错别字，换用更常见的词，或只输入关键的两三个字；也可以从网站地图或政策文件库查找。");
      out.appendChild(tips);
    }
    if (!data.total) {
      showFacets(data.facets);
      return;
    }
    var views = el("p", "search-views");
    var listLink = el("a", "", "按相关度排列"), groupLink = el("a", "", "按类型分组");
    listLink.href = link({view: "list", page: state.page});
    groupLink.href = link({view: "group"});
    (state.view === "group" ? groupLink : listLink).setAttribute("aria-current", "true");
    views.appendChild(listLink);
    views.appendChild(document.createTextNode(" | "));
    views.appendChild(groupLink);
    out.appendChild(views);
    if (state.view === "group") {
      data.groups.forEach(function (g) {
        var section = el("section", "search-group");
        section.appendChild(el("h3", "search-group-title", g.label + "（" + g.count + "）"));
        var ol = el("ol", "search-list");
        g.results.forEach(function (r) { ol.appendChild(resultItem(r)); });
        section.appendChild(ol);
        if (g.count > g.results.length) {
          var more = el("a", "search-more", "查看全部 " + g.count + " 条" + g.label);
          more.href = link({type: g.type, view: "list"});
          section.appendChild(more);
        }
        out.appendChild(section);
      });
    } else {
      var ol = el("ol", "search-list");
      ol.start = (data.page - 1) * data.page_size + 1;
      data.results.forEach(function (r) { ol.appendChild(resultItem(r)); });
      out.appendChild(ol);
      if (data.pages > 1) {
        var nav = el("nav", "pagination");
        nav.setAttribute("aria-label", "搜索结果分页");
        if (data.page > 1) { var prev = el("a", "", "上一页"); prev.href = link({page: data.page - 1}); nav.appendChild(prev); }
        nav.appendChild(el("span", "", " 第 " + data.page + " 页，共 " + data.pages + " 页 "));
        if (data.page < data.pages) { var next = el("a", "", "下一页"); next.href = link({page: data.page + 1}); nav.appendChild(next); }
        out.appendChild(nav);
      }
    }
    showFacets(data.facets);
  }

  function showFacets(f) {
    [["信息类型", "type", f.type], ["所属栏目", "column", f.column], ["发布年份", "year", f.year],
      ["网站", "site", f.site && f.site.length > 1 ? f.site : []]].forEach(function (spec) {
      var box = facetList(spec[0], spec[1], spec[2]);
      if (box) { facetBox.appendChild(box); }
    });
  }

  function runSearch() {
    // (a query of spaces alone is no query: the page is as for none, and ready)
    if (!state.q.trim()) { app.dataset.ready = "true"; return; }
    status.textContent = "正在搜索……";
    app.setAttribute("aria-busy", "true");
    var started = performance.now();
    search(state.q, state, state.page, state.view === "group").then(function (data) {
      render(data);
      app.dataset.ms = String(Math.round(performance.now() - started));  // the query alone
      app.dataset.at = String(Math.round(performance.now()));  // since the page was opened
      app.dataset.ready = "true";
    }).catch(function () {
      status.textContent = "搜索暂时不可用，请稍后再试，或通过网站地图查找。";
      app.dataset.ready = "error";
    }).then(function () { app.removeAttribute("aria-busy"); });
  }

  // Suggestions: the ARIA 1.2 combobox pattern (list autocomplete, focus stays in the box).
  var active = -1, options = [], timer = 0, asked = "";
  var announced = false;  // #search-status says how many suggestions are shown
  function close() {
    // A status that announced suggestions no longer shown is cleared (WCAG 4.1.3).
    if (announced) { status.textContent = ""; announced = false; }
    list.hidden = true;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
    options = [];
  }
  function highlight(index) {
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0) { input.setAttribute("aria-activedescendant", options[index].id); } else { input.removeAttribute("aria-activedescendant"); }
  }
  function choose(text) {
    input.value = text;
    close();
    form.submit();
  }
  function showSuggestions(words) {
    close();
    if (!words.length) { return; }
    words.forEach(function (w, i) {
      var li = el("li", "search-suggestion", w);
      li.id = "search-suggestion-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(w); });
      list.appendChild(li);
      options.push(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = words.length + " 条搜索建议，按上下方向键选择";
    announced = true;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value;
    if (!value.trim()) { close(); return; }
    timer = setTimeout(function () {
      asked = value;
      suggest(value).then(function (words) { if (asked === input.value) { showSuggestions(words); } })
        .catch(function () { close(); });
    }, 120);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "Down") {
      if (options.length) { ev.preventDefault(); highlight((active + 1) % options.length); }
    } else if (ev.key === "ArrowUp" || ev.key === "Up") {
      if (options.length) { ev.preventDefault(); highlight(active <= 0 ? options.length - 1 : active - 1); }
    } else if (ev.key === "Enter") {
      if (active >= 0) { ev.preventDefault(); choose(options[active].textContent); }
    } else if (ev.key === "Escape" || ev.key === "Esc") {
      if (!list.hidden) { ev.preventDefault(); close(); } else { input.value = ""; }
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });

  app.hidden = false;
  document.documentElement.classList.add("search-ready");
  input.value = state.q;
  // Tests and the benchmark call the engine without the page around it.
  window.ssgSearch = {search: search, suggest: suggest, plan: function (q) { return entry().then(function (e) { return plan(q, e.syllableSet); }); }};
  if (state.q) { runSearch(); } else { app.dataset.ready = "true"; }
})();

    (function() {
        var msgArray = ["\t\t\t\t<div class=\"msg chat right \" msgid=\"5\" msgtype=\"49\">\n\t\t\t\t\t<div class=\"nt-box\"><span class=\"dspname right\" wxId=\"owner_alias\">\u5e97\u4e3b</span> 2024-05-01 10:03:00</div>\n\t\t\t\t\t<div class=\"content-box\">\n\t\t\t\t\t\t<div><div><span class=\"dont-break-out msg-text\"><pre>\uffe588.50 - \u5df2\u6536\u6b3e\n\u4e24\u76d2\u9762\u819c</pre></span></div></div>\n\t\t\t\t\t\t<div class=\"appinfo\"><img src=\"\" class=\"transfer-icon\" /><span class=\"app-name\">\u5fae\u4fe1\u8f6c\u8d26</span></div>\n\t\t\t\t\t</div>\n\t\t\t\t</div>\n", "\t\t\t\t<div class=\"msg chat right \" msgid=\"6\" msgtype=\"49\">\n\t\t\t\t\t<div class=\"nt-box\"><span class=\"dspname right\" wxId=\"owner_alias\">\u5e97\u4e3b</span> 2024-05-02 09:00:00</div>\n\t\t\t\t\t<div class=\"content-box\">\n\t\t\t\t\t\t<div><div><span class=\"dont-break-out msg-text\"><pre>\uffe510.00 - \u8f6c\u8d26\n\u8fd0\u8d39\u8865\u507f</pre></span></div></div>\n\t\t\t\t\t\t<div class=\"appinfo\"><span class=\"app-name\">\u5fae\u4fe1\u8f6c\u8d26</span></div>\n\t\t\t\t\t</div>\n\t\t\t\t</div>\n", "\t\t\t\t<div class=\"msg chat left \" msgid=\"7\" msgtype=\"49\">\n\t\t\t\t\t<div class=\"nt-box\"><span class=\"dspname left\" wxId=\"jia_alias\">\u5ba2\u6237\u7532</span> 2024-05-02 09:05:00</div>\n\t\t\t\t\t<div class=\"content-box\">\n\t\t\t\t\t\t<div><div><a href=\"\"><b><span class=\"dont-break-out msg-text\"><pre></pre></span></b></a></div>\n\t\t\t\t\t\t<div><span class=\"dont-break-out msg-text\"><pre>[\u7ea2\u5305]</pre></span></div></div>\n\t\t\t\t\t\t<div class=\"appinfo\"><img src=\"\" class=\"app-icon\" /><span class=\"app-name\"></span></div>\n\t\t\t\t\t</div>\n\t\t\t\t</div>\n"];
        for (var idx = 0; idx < msgArray.length; idx++)
        {
          window.moreWechatMsgs.push(msgArray[idx]);
        }

        msgArray = null;
        loadMsgsForNextPage();
    })();
